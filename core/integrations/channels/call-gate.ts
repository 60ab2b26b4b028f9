import type { Redis } from 'ioredis';
import { RateLimitedError } from '../../errors.js';

/**
 * Spaces calls to one operation of one account across every process: the first caller of a
 * window takes it, the others learn how long to wait. Mirakl publishes "at most one call per
 * minute" rules rather than answering 429, so we must keep to them ourselves.
 */
export interface CallGate {
  /** 0 when the caller may call now (and the window is taken), else the milliseconds to wait */
  take(key: string, minIntervalMs: number): Promise<number>;
}

export function createRedisCallGate(redis: Redis, prefix: string): CallGate {
  return {
    async take(key, minIntervalMs) {
      if (minIntervalMs <= 0) return 0;
      const k = `${prefix}:callgate:${key}`;
      const ok = await redis.set(k, '1', 'PX', minIntervalMs, 'NX');
      if (ok === 'OK') return 0;
      const ttl = await redis.pttl(k);
      // the key expired between the two calls: the next take will succeed
      return Math.max(1, ttl);
    },
  };
}

/** Our own spacing said "not yet": not a fault of the marketplace, and not worth an error on the Channels page. */
export class CallGateWait extends RateLimitedError {}
