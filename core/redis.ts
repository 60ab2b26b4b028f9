import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/** Producers fail fast so an HTTP request never waits on a dead Redis. */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 200, 2000) });
}

/** Queues silently lose jobs when Redis may evict keys; say so loudly at start-up. */
export async function warnIfEvicting(redis: Redis, log: Logger): Promise<void> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1];
    if (policy && policy !== 'noeviction') {
      log.warn(
        { policy },
        `REDIS maxmemory-policy is "${policy}", not "noeviction": queued jobs can be evicted. Set maxmemory-policy noeviction.`,
      );
    }
  } catch (e) {
    log.debug({ err: e }, 'could not read redis maxmemory-policy');
  }
}
