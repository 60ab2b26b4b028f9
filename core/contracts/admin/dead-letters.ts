import { z } from 'zod';
import { dateTime } from './common.js';

/** GET /dead-letters */
export const deadLettersQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeadLettersQuery = z.infer<typeof deadLettersQuery>;

/** One dead letter as listed: the start of its body and its size. */
export const deadLetter = z.object({
  id: z.number().int(),
  topic: z.string(),
  eventId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: dateTime,
  preview: z.string(),
  size: z.number().int(),
});
export type DeadLetter = z.infer<typeof deadLetter>;
/** GET /dead-letters */
export const deadLetterPage = z.object({
  items: z.array(deadLetter),
  total: z.number().int(),
  nextBefore: z.number().int().nullable(),
});
export type DeadLetterPage = z.infer<typeof deadLetterPage>;

/** GET /dead-letters/:id */
export const deadLetterDetail = z.object({
  id: z.number().int(),
  topic: z.string(),
  eventId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: dateTime,
  body: z.string(),
});
export type DeadLetterDetail = z.infer<typeof deadLetterDetail>;

/** POST /dead-letters/:id/replay, /dead-letters/replay-all, /dispatch-failures/replay and /tracking-push-failures/...: the ids sent again. */
export const replayResponse = z.object({ replayed: z.array(z.number().int()) });
export type ReplayResponse = z.infer<typeof replayResponse>;

/** A hand-over to a 3PL that failed after every retry. */
export const dispatchFailure = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  warehouseId: z.number().int(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  updatedAt: dateTime,
});
export type DispatchFailure = z.infer<typeof dispatchFailure>;
/** GET /dispatch-failures */
export const dispatchFailuresResponse = z.object({ items: z.array(dispatchFailure) });
export type DispatchFailuresResponse = z.infer<typeof dispatchFailuresResponse>;

/** POST /dispatch-failures/replay */
export const dispatchReplayBody = z.object({
  ids: z.union([z.array(z.number().int().positive()).min(1).max(500), z.literal('all')]),
});
export type DispatchReplayBody = z.infer<typeof dispatchReplayBody>;

/** A shipment whose tracking push to its sales channel failed after every retry. */
export const trackingPushFailure = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  allocationId: z.number().int(),
  error: z.string().nullable(),
  updatedAt: dateTime,
});
export type TrackingPushFailure = z.infer<typeof trackingPushFailure>;
/** GET /tracking-push-failures */
export const trackingPushFailuresResponse = z.object({ items: z.array(trackingPushFailure) });
export type TrackingPushFailuresResponse = z.infer<typeof trackingPushFailuresResponse>;
