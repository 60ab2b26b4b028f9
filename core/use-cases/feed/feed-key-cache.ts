import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DbOrTx } from '../../db/client.js';
import { createFeedKeysRepo, type FeedPrincipal } from '../../db/feed-keys-repo.js';
import type { Logger } from '../../logger.js';

/** How long a verified key is trusted without Postgres; a revocation ends it at once (the generation). */
const TRUST_MS = 10_000;
/** The key's last use is written at most this often per process (the repository also keeps it to one a minute). */
const TOUCH_EVERY_MS = 60_000;

const generationKey = (prefix: string) => `${prefix}:feedkeys:generation`;

/**
 * Feed keys as the feed checks them on every request: a busy 3PL sends several requests per
 * order, and each used to cost two statements. A key verified in the last ten seconds is taken
 * from memory as long as the key generation in Redis has not moved; revoking a key moves it
 * (`bumpFeedKeyGeneration`), so a revoked key is refused at its next request in every process.
 * Deactivating the key's warehouse or uninstalling the shop is seen within the ten seconds.
 * When Redis cannot answer, every request goes to Postgres.
 */
export function createFeedKeyCache(deps: { db: DbOrTx; redis: Redis; prefix: string; log: Logger }) {
  const repo = createFeedKeysRepo(deps.db);
  const trusted = new Map<string, { principal: FeedPrincipal; generation: string | null; at: number }>();
  const touched = new Map<number, number>();

  async function generation(): Promise<string | null | undefined> {
    try {
      return await deps.redis.get(generationKey(deps.prefix));
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'feed key generation unreadable; keys are checked in Postgres');
      return undefined;
    }
  }

  return {
    async verify(key: string, now = Date.now()): Promise<FeedPrincipal | null> {
      const digest = createHash('sha256').update(key).digest('base64url');
      const gen = await generation();
      const hit = trusted.get(digest);
      if (hit && gen !== undefined && hit.generation === gen && now - hit.at < TRUST_MS) return hit.principal;
      const principal = await repo.verify(key);
      if (principal && gen !== undefined) {
        if (trusted.size > 10_000) trusted.clear();
        trusted.set(digest, { principal, generation: gen, at: now });
      } else trusted.delete(digest);
      return principal;
    },
    async touch(keyId: number, now = Date.now()): Promise<void> {
      if (now - (touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
      touched.set(keyId, now);
      await repo.touch(keyId);
    },
  };
}

/** Ends every process's trust in the keys it verified: called after a revocation has committed. */
export async function bumpFeedKeyGeneration(redis: Redis, prefix: string): Promise<void> {
  await redis.incr(generationKey(prefix));
}
