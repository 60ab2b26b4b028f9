import type { SimBucket } from '../state/types.js';

/** The throttle state Shopify reports in extensions.cost.throttleStatus. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Leaks the bucket back up to now at the restore rate. */
export function refill(bucket: SimBucket, nowMs: number): void {
  const elapsed = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
  bucket.currentlyAvailable = Math.min(
    bucket.maximumAvailable,
    bucket.currentlyAvailable + elapsed * bucket.restoreRate,
  );
  bucket.updatedAtMs = nowMs;
}

/** Takes `cost` points if the bucket holds them; false means THROTTLED. */
export function take(bucket: SimBucket, cost: number, nowMs: number): boolean {
  refill(bucket, nowMs);
  if (cost > bucket.currentlyAvailable) return false;
  bucket.currentlyAvailable -= cost;
  return true;
}

/** Gives back the difference between requested and actual cost. */
export function refund(bucket: SimBucket, points: number): void {
  if (points > 0) bucket.currentlyAvailable = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + points);
}

export function status(bucket: SimBucket): ThrottleStatus {
  return {
    maximumAvailable: bucket.maximumAvailable,
    currentlyAvailable: Math.floor(bucket.currentlyAvailable),
    restoreRate: bucket.restoreRate,
  };
}
