import type { Redis } from 'ioredis';
import { RateLimitedError } from '../../errors.js';

/**
 * One breaker per warehouse, in Redis so every worker process shares it: after `threshold`
 * consecutive failures the warehouse is left alone for `openMs`, then one call probes it.
 */
export function createCircuitBreaker(redis: Redis, prefix: string, opts: { threshold?: number; openMs?: number } = {}) {
  const threshold = opts.threshold ?? 5;
  const openMs = opts.openMs ?? 30_000;
  const k = (id: number) => ({ fails: `${prefix}:cb:${id}:fails`, open: `${prefix}:cb:${id}:open` });
  return {
    async run<T>(warehouseId: number, fn: () => Promise<T>, isFault: (e: unknown) => boolean): Promise<T> {
      const keys = k(warehouseId);
      const ttl = await redis.pttl(keys.open);
      if (ttl > 0) throw new RateLimitedError(`circuit open for warehouse ${warehouseId}`, '3pl', ttl);
      try {
        const out = await fn();
        await redis.del(keys.fails);
        return out;
      } catch (e) {
        if (isFault(e)) {
          const n = await redis.incr(keys.fails);
          await redis.pexpire(keys.fails, openMs * 10);
          if (n >= threshold) await redis.set(keys.open, '1', 'PX', openMs);
        }
        throw e;
      }
    },
    async state(warehouseId: number): Promise<{ open: boolean; failures: number }> {
      const keys = k(warehouseId);
      const [ttl, fails] = await Promise.all([redis.pttl(keys.open), redis.get(keys.fails)]);
      return { open: ttl > 0, failures: Number(fails ?? 0) };
    },
  };
}
export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
