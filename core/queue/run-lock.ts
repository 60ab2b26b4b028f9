import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// touches the key only while it still holds our token: a run that outlived its lease must not free the next holder's
const RELEASE = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return redis.call('del', KEYS[1])`;

/**
 * Runs `fn` as the only holder of `key` across every process, or answers `busy` at once. The
 * lease expires after `ttlMs`, so a process that dies holding it blocks the others that long
 * at most. `spacingMs` keeps the key that long after the run, so runs start at most that often.
 */
export async function withRunLock<T>(
  redis: Redis,
  key: string,
  opts: { ttlMs: number; spacingMs?: number },
  fn: () => Promise<T>,
): Promise<{ busy: true } | { busy: false; value: T }> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', opts.ttlMs, 'NX')) !== 'OK') return { busy: true };
  try {
    return { busy: false, value: await fn() };
  } finally {
    await redis.eval(RELEASE, 1, key, token, String(opts.spacingMs ?? 0));
  }
}
