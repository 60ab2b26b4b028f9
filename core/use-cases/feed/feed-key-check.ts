import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client.js';
import { createFeedKeysRepo, type FeedPrincipal } from '../../db/feed-keys-repo.js';
import type { FeedAuthVersion } from '../../feed-auth-version.js';

/** The key's last use is written at most this often per process (the repository also keeps it to one a minute). */
const TOUCH_EVERY_MS = 60_000;
/**
 * A verified key is trusted this long at most without asking Postgres again, even while the
 * version stands still: the bound for a change made behind the use cases' back (SQL by hand) or
 * whose bump was lost.
 */
const TRUST_MS = 10_000;
const MAX_CACHED = 10_000;

interface Trusted {
  principal: FeedPrincipal;
  version: string;
  at: number;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Feed keys as the feed checks them on every request. A key verified in Postgres is remembered
 * in this process with the auth version read from Redis before that check; it is trusted again
 * only while the version is unchanged (one GET per request), so a revoked key, a deactivated
 * warehouse or an uninstalled shop is refused at the next request on every instance (their use
 * cases bump the version). Without an answer from Redis the check goes to Postgres, as it did
 * before. Refusals are never remembered: a guesser meets the failed-auth limit, not a cache.
 * The "last used" write is skipped while this process wrote it in the last minute.
 */
export function createFeedKeyCheck(db: DbOrTx, versions: Pick<FeedAuthVersion, 'read'>) {
  const repo = createFeedKeysRepo(db);
  const touched = new Map<number, number>();
  const trusted = new Map<string, Trusted>();
  return {
    /**
     * The key's principal, or null. `version` may be a read already under way (the caller
     * starts it beside its other Redis calls); it must have started before this call.
     */
    async verify(
      key: string,
      opts: { version?: Promise<string | null>; now?: number } = {},
    ): Promise<FeedPrincipal | null> {
      const now = opts.now ?? Date.now();
      // read before Postgres: a bump that lands while Postgres answers leaves this entry stale
      const version = await (opts.version ?? versions.read());
      const h = hashOf(key);
      const hit = trusted.get(h);
      if (hit && version !== null && hit.version === version && now - hit.at < TRUST_MS) return hit.principal;
      const principal = await repo.verify(key);
      if (!principal || version === null) {
        trusted.delete(h);
        return principal;
      }
      if (trusted.size >= MAX_CACHED) trusted.clear();
      trusted.set(h, { principal, version, at: now });
      return principal;
    },
    async touch(keyId: number, now = Date.now()): Promise<void> {
      if (now - (touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
      if (touched.size > MAX_CACHED) touched.clear();
      touched.set(keyId, now);
      await repo.touch(keyId);
    },
  };
}
export type FeedKeyCheck = ReturnType<typeof createFeedKeyCheck>;
