import type { Redis } from 'ioredis';
import { withTimeout } from './async/with-timeout.js';

/**
 * One counter in Redis that every process reads before trusting a 3PL key it verified earlier:
 * whatever can make a key invalid (a revocation, a warehouse deactivated, a shop uninstalled or
 * redacted) bumps it once its write has committed, so every server instance checks its keys
 * against Postgres again at the next request.
 */
export interface FeedAuthVersion {
  /** The current version; null when Redis cannot answer in time, and the caller must ask Postgres. */
  read(): Promise<string | null>;
  /**
   * Makes every cached key check stale, in every process. Call it after the change committed and
   * before answering: bumped earlier, a concurrent check could cache the old state under the new version.
   */
  bump(): Promise<void>;
}

/** A slow Redis costs a feed request this much at most before it falls back to Postgres. */
const READ_TIMEOUT_MS = 250;

export function createFeedAuthVersion(redis: Redis, prefix: string): FeedAuthVersion {
  const key = `${prefix}:feed-auth-version`;
  return {
    async read() {
      try {
        // a missing key (never bumped, or Redis emptied) is a version of its own
        return (await withTimeout(redis.get(key), READ_TIMEOUT_MS, 'feed auth version read')) ?? 'none';
      } catch {
        return null;
      }
    },
    async bump() {
      await redis.incr(key);
    },
  };
}
