import type { Redis } from 'ioredis';

/**
 * Counts failed authentications per client address in Redis (shared by every server
 * instance), in fixed windows. An address past the limit is refused before its credentials
 * are even looked at, so guessing keys costs the guesser, not the database.
 */
export function createFailedAuthLimiter(redis: Redis, prefix: string, max: number, windowSeconds: number) {
  const key = (ip: string) => `${prefix}:${ip}`;
  return {
    async blocked(ip: string): Promise<boolean> {
      return Number((await redis.get(key(ip))) ?? 0) >= max;
    },
    async record(ip: string): Promise<void> {
      const n = await redis.incr(key(ip));
      if (n === 1) await redis.expire(key(ip), windowSeconds);
    },
  };
}
