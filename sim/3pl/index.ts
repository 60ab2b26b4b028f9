/**
 * A 3PL robot for the demo, the end-to-end tests and the benchmarks. It reaches the app over
 * HTTP only (the /feed/v1 API and signed pushes); tests and the demo may import this module.
 */
export { createThreePlRobot, type ThreePlRobot, type ThreePlRobotState } from './robot.js';
export {
  createPushReceiver,
  type PushReceiver,
  type PushReceiverOptions,
  type PushBehaviour,
  type PushReceiverStats,
  type ReceivedPush,
  type DuplicatePush,
  type ReceivedCancel,
  type RefusedPush,
} from './push-receiver.js';
export { verifyPushSignature, type SignatureCheck } from './push-signature.js';
export type { PushedOrder, PushedCancel } from './push-schemas.js';
export { threePlCommand, type ThreePlCommand } from './cli.js';
export type {
  ThreePlRobotOptions,
  ShippingOptions,
  InventoryOptions,
  TrackingSchedule,
  SnapshotDrift,
  RetryOptions,
  DelaySpec,
  DelayContext,
  RobotLog,
} from './options.js';
export {
  carrierNames,
  carrierProfiles,
  defaultCarrierMix,
  type CarrierName,
  type CarrierMix,
  type CarrierProfile,
} from './carriers.js';
export type { ThreePlStats, AllocationLatency } from './stats.js';
export type { JobState, ParcelState, ScanState } from './shipper.js';
export type { BookEntry } from './stock-book.js';
export type { SnapshotRecord } from './snapshots.js';
export { FeedUnavailableError } from './feed-client.js';
