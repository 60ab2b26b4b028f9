import { z } from 'zod';

// The feed's shapes as its OpenAPI document publishes them (GET /feed/v1/openapi.json), kept to
// the fields the robot reads. Parsing every answer makes a drift of the API fail loudly here.

const allocationStatus = z.enum([
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'rejected',
  'partially_shipped',
  'shipped',
  'cancel_requested',
  'cancelled',
]);

const addressSchema = z.object({
  name: z.string().nullish(),
  city: z.string().nullish(),
  zip: z.string().nullish(),
  countryCode: z.string().nullish(),
});

const allocationSchema = z.object({
  id: z.number().int(),
  status: allocationStatus,
  idempotencyKey: z.string(),
  orderName: z.string(),
  serviceLevel: z.string().nullable(),
  shipTo: addressSchema.nullable(),
  lines: z.array(
    z.object({
      lineId: z.number().int(),
      sku: z.string(),
      quantity: z.number().int(),
      shippedQuantity: z.number().int(),
    }),
  ),
});

/** An allocation as the feed shows it. */
export type FeedAllocation = z.infer<typeof allocationSchema>;

/** Where a parcel goes, as far as the floor cares. */
export type FeedAddress = z.infer<typeof addressSchema>;

export const leaseResultSchema = z.object({
  items: z.array(allocationSchema),
  leaseToken: z.string(),
  leaseUntil: z.string(),
});
export const allocationPageSchema = z.object({ items: z.array(allocationSchema), nextCursor: z.string().nullable() });
export const acknowledgeResultSchema = z.object({ status: z.string(), changed: z.boolean() });
export const rejectResultSchema = z.object({ status: z.literal('rejected'), rerouting: z.boolean() });
export const cancellationResultSchema = z.object({ status: z.string() });
export const shipmentResultSchema = z.object({
  shipmentId: z.number().int(),
  created: z.boolean(),
  allocationStatus: z.string(),
  carrier: z.string().nullable(),
  trackingUrls: z.array(z.string()),
});
export const trackingEventResultSchema = z.object({ created: z.boolean(), status: z.string() });
export const snapshotResultSchema = z.object({
  items: z.number().int(),
  corrections: z.array(
    z.object({ sku: z.string(), before: z.number(), after: z.number(), delta: z.number(), short: z.number() }),
  ),
  unknownSkus: z.array(z.string()),
});
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** One page of GET /allocations. */
export type AllocationPage = z.infer<typeof allocationPageSchema>;

/** What the app answered to a shipment report. */
export type ShipmentResult = z.infer<typeof shipmentResultSchema>;

/** What the app did with a snapshot. */
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;

/** Why a 3PL refuses an allocation (the feed's RejectRequest.reason). */
export type RejectReason =
  'out_of_stock' | 'incorrect_address' | 'cannot_ship_destination' | 'invalid_sku' | 'order_too_large' | 'other';

/** A carrier scan status the feed takes. */
export type TrackingStatus = 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

/** The body of POST /allocations/{id}/shipments. */
export interface ShipmentRequest {
  lines: { lineId: number; quantity: number }[];
  carrier: string;
  trackingNumbers: string[];
  trackingUrl?: string;
  shippedAt: string;
}

/** The body of POST /shipments/{id}/events. */
export interface TrackingEventRequest {
  status: TrackingStatus;
  occurredAt: string;
  description?: string;
  location?: string;
}

/** The body of POST /inventory-snapshots. */
export interface SnapshotRequest {
  snapshotId: string;
  takenAt: string;
  items: { sku: string; onHand: number }[];
}

/** The operations the robot calls, as `METHOD /path` in the OpenAPI document (paths relative to /feed/v1). */
export const feedOperations = [
  'post /allocations/lease',
  'get /allocations',
  'post /allocations/{id}/acknowledge',
  'post /allocations/{id}/reject',
  'post /allocations/{id}/cancellation',
  'post /allocations/{id}/shipments',
  'post /shipments/{id}/events',
  'post /inventory-snapshots',
] as const;
