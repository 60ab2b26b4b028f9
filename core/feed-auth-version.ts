import type { Redis } from 'ioredis';
import { withTimeout } from './async/with-timeout.js';
import type { Logger } from './logger.js';

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
/** During an outage every request falls back: the failure is logged once per this interval. */
const LOG_EVERY_MS = 10_000;

export function createFeedAuthVersion(redis: Redis, prefix: string, log?: Pick<Logger, 'warn'>): FeedAuthVersion {
  const key = `${prefix}:feed-auth-version`;
  let loggedAt = 0;
  return {
    async read() {
      try {
        // a missing key (never bumped, or Redis emptied) is a version of its own
        return (await withTimeout(redis.get(key), READ_TIMEOUT_MS, 'feed auth version read')) ?? 'none';
      } catch (err) {
        if (Date.now() - loggedAt >= LOG_EVERY_MS) {
          loggedAt = Date.now();
          log?.warn({ key, err: (err as Error).message }, 'feed auth version unreadable; keys are checked in Postgres');
        }
        return null;
      }
    },
    async bump() {
      await redis.incr(key);
    },
  };
}
