import type { ReturnsDeskOptions } from './returns-desk.js';
import type { Clock } from '../shopify/core/clock.js';
import type { Prng } from '../shopify/core/prng.js';
import type { CarrierMix } from './carriers.js';

/** What a delay function is told about the parcel it times. */
export interface DelayContext {
  allocationId: number;
  units: number;
  random: Prng;
}

/** A delay in milliseconds: fixed, uniform between two bounds, or computed per allocation. */
export type DelaySpec = number | { min: number; max: number } | ((ctx: DelayContext) => number);

/**
 * When carrier scans happen after a parcel leaves, in real milliseconds before `timeScale`
 * (defaults: in transit after 4 h, out for delivery after 20 h, delivered after 26 h).
 */
export interface TrackingSchedule {
  inTransitAfterMs: number;
  outForDeliveryAfterMs: number;
  deliveredAfterMs: number;
  /** Share of parcels that meet a failed delivery attempt (an `exception`) and arrive a day later. */
  exceptionRate: number;
  /** Multiplies every delay: 1/3600 turns an hour into a second. */
  timeScale: number;
}

/** Counting errors a snapshot can carry (off by default). */
export interface SnapshotDrift {
  /** Probability that one SKU's count is off in a snapshot. */
  rate: number;
  /** Largest error in units, either way. */
  maxUnits: number;
}

/**
 * The robot's stock book. `onHand` lists what the warehouse holds at start; `'track'` means the
 * robot trusts every allocation (it never rejects for stock) and, having no count of its own,
 * sends no snapshots.
 */
export interface InventoryOptions {
  onHand: Record<string, number> | 'track';
  /** How often to post a snapshot; null or 0 never. */
  snapshotEveryMs: number | null;
  drift: SnapshotDrift | null;
}

/** How calls to the app are retried: 5xx, 429 (after its Retry-After) and network errors. */
export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Per request; a timeout counts as a network error. */
  timeoutMs: number;
}

/** One line of the robot's log. */
export type RobotLog = (message: string, data?: Record<string, unknown>) => void;

/** Options shared by the pull robot and the push receiver's shipping side. */
export interface ShippingOptions {
  /** Base URL of the app, e.g. http://127.0.0.1:3000 (the feed lives under /feed/v1). */
  appUrl: string;
  /** A warehouse feed key (lk_...). */
  apiKey: string;
  /** Names the robot in logs and in its snapshot ids. */
  name?: string;
  /** From acknowledgement to the first parcel leaving; a second, split parcel waits as long again. */
  shipDelayMs?: DelaySpec;
  carriers?: CarrierMix;
  /** Share of allocations shipped as two parcels (lines or quantities split). */
  partialShipRate?: number;
  trackingEventsSchedule?: Partial<TrackingSchedule>;
  /** Also report the carrier's tracking page with each parcel (default true). */
  includeTrackingUrl?: boolean;
  /** Parcels above this many units get one label per carton (default 10). */
  unitsPerCarton?: number;
  /** Number or string; runs with the same seed make the same choices. */
  seed?: number | string;
  clock?: Clock;
  log?: RobotLog;
  retry?: Partial<RetryOptions>;
  /** Calls in flight at once within one phase of a cycle (default 8). */
  concurrency?: number;
}

/** Options of {@link createThreePlRobot}. */
export interface ThreePlRobotOptions extends ShippingOptions {
  /** Pause between two poll cycles when started (default 1000). */
  pollIntervalMs?: number;
  /**
   * Long poll for new work between cycles (`wait` seconds on the feed, default 5; 0 turns it
   * off; stop() waits for the poll in flight): a new allocation starts a cycle within about a second, whatever `pollIntervalMs` is.
   */
  longPollSeconds?: number;
  /** Allocations taken per lease call (default 20, at most 100). */
  leaseLimit?: number;
  /** How long a lease hides the allocation from other pollers (default 300, at least 30). */
  leaseSeconds?: number;
  /** Share of allocations refused for a reason other than stock. */
  rejectRate?: number;
  inventory?: Partial<InventoryOptions>;
  /** Receive and grade the returns the app expects here; off when absent. */
  returns?: ReturnsDeskOptions;
}

export const defaultTrackingSchedule: TrackingSchedule = {
  inTransitAfterMs: 4 * 3_600_000,
  outForDeliveryAfterMs: 20 * 3_600_000,
  deliveredAfterMs: 26 * 3_600_000,
  exceptionRate: 0.02,
  timeScale: 1,
};

export const defaultRetry: RetryOptions = { attempts: 5, baseMs: 100, maxMs: 5_000, timeoutMs: 10_000 };

/** Draws one delay in milliseconds, never negative. */
export function drawDelay(spec: DelaySpec, ctx: DelayContext): number {
  const ms =
    typeof spec === 'number'
      ? spec
      : typeof spec === 'function'
        ? spec(ctx)
        : ctx.random.int(Math.round(spec.min), Math.round(spec.max));
  return Math.max(0, ms);
}
