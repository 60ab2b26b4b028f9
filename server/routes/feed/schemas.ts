import { z } from 'zod';
import { rfc3339 } from './rfc3339.js';

/** Request and response shapes of the 3PL feed; they are also its OpenAPI document. */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text from a 3PL: NUL bytes and lone surrogates are refused at the schema (Postgres cannot store the first). */
const safeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000') && !loneSurrogate.test(s), 'must not contain NUL bytes or lone surrogates');

export const errorDetailSchema = z
  .object({
    path: z
      .string()
      .optional()
      .describe('Where the problem is: `body.lines.0.quantity`, `querystring.limit`, `status`...'),
    message: z.string(),
  })
  .meta({ id: 'ErrorDetail', description: 'One problem with the request, or one fact about the refusal.' });

/** The error shape, with the codes one answer can carry listed as an enum. */
export function errorSchema<const C extends readonly [string, ...string[]]>(codes: C, description: string) {
  return z
    .object({
      error: z.object({
        code: z.enum(codes).describe('Stable, machine-readable; branch on this, not on the message'),
        message: z.string().describe('For people; may change'),
        details: z.array(errorDetailSchema).optional(),
      }),
    })
    .describe(description);
}

export const addressSchema = z
  .object({
    name: z.string().nullable(),
    company: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    zip: z.string().nullable(),
    countryCode: z.string().nullable().describe('ISO 3166-1 alpha-2'),
    phone: z.string().nullable(),
  })
  .meta({ id: 'Address' });

export const allocationStatuses = [
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'rejected',
  'partially_shipped',
  'shipped',
  'cancel_requested',
  'cancelled',
] as const;

export const allocationSchema = z
  .object({
    id: z.number().int().min(1).describe('Allocation id: one parcel-to-be for this warehouse'),
    status: z
      .enum(allocationStatuses)
      .describe(
        'See the guide for the lifecycle: ready → leased → acknowledged → partially_shipped / shipped; rejected; cancel_requested → cancelled',
      ),
    idempotencyKey: z.string().describe('Stable for the life of the allocation: use it to recognise a redelivery'),
    orderName: z.string(),
    channel: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().describe('Last change of status or lease; what `changedSince` compares'),
    promisedShipBy: z.iso
      .datetime()
      .nullable()
      .describe('Hand the parcel to the carrier before this instant to keep the promise'),
    promisedDeliveryBy: z.iso.datetime().nullable(),
    serviceLevel: z.string().nullable(),
    leaseUntil: z.iso.datetime().nullable().describe('While leased, other pollers do not receive this allocation'),
    shipTo: addressSchema.nullable(),
    email: z.string().nullable(),
    lines: z.array(
      z
        .object({
          lineId: z.number().int().min(1),
          sku: z.string(),
          title: z.string(),
          quantity: z.number().int().min(1),
          shippedQuantity: z.number().int().min(0),
        })
        .meta({ id: 'AllocationLine' }),
    ),
  })
  .meta({ id: 'Allocation' });

export const allocationPageSchema = z
  .object({
    items: z.array(allocationSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    serverTime: z.iso
      .datetime()
      .describe('When this page was read: pass it as `changedSince` next time to see only what changed since'),
  })
  .meta({ id: 'AllocationPage' });

export const leaseResultSchema = z
  .object({
    items: z.array(allocationSchema),
    leaseToken: z.string().describe('Send it back to acknowledge, reject, ship, release or extend these allocations'),
    leaseUntil: z.iso.datetime(),
  })
  .meta({ id: 'LeaseResult' });

const leaseToken = safeText(100)
  .min(1)
  .describe('The `leaseToken` of the lease that gave you this allocation; required while that lease is live');

export const acknowledgeBodySchema = z
  .strictObject({ leaseToken: leaseToken.optional() })
  .meta({ id: 'AcknowledgeRequest' });
export const acknowledgeResultSchema = z
  .object({
    status: z.enum(allocationStatuses),
    changed: z.boolean().describe('false when it was already acknowledged: nothing changed'),
  })
  .meta({ id: 'AcknowledgeResult' });

export const rejectBodySchema = z
  .strictObject({
    reason: z.enum([
      'out_of_stock',
      'incorrect_address',
      'cannot_ship_destination',
      'invalid_sku',
      'order_too_large',
      'other',
    ]),
    message: safeText(500).optional(),
    leaseToken: leaseToken.optional(),
  })
  .meta({ id: 'RejectRequest' });
export const rejectResultSchema = z
  .object({
    status: z.literal('rejected'),
    rerouting: z.boolean().describe('true when this call rejected it and the order is being routed again'),
  })
  .meta({ id: 'RejectResult' });

export const leaseReleaseBodySchema = z.strictObject({ leaseToken }).meta({ id: 'LeaseReleaseRequest' });
export const leaseExtendBodySchema = z
  .strictObject({
    leaseToken,
    leaseSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .default(300)
      .describe('The lease then ends this many seconds from now'),
  })
  .meta({ id: 'LeaseExtendRequest' });
export const leaseStateSchema = z
  .object({
    id: z.number().int().min(1),
    status: z.enum(allocationStatuses),
    leaseUntil: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LeaseState' });

export const cancellationAnswerSchema = z
  .strictObject({
    accept: z.boolean().describe('true if the parcel has not left and you cancelled it'),
    reason: safeText(500).optional(),
  })
  .meta({ id: 'CancellationAnswer' });
export const cancellationResultSchema = z
  .object({ status: z.enum(['cancelled', 'kept']) })
  .meta({ id: 'CancellationResult' });

export const shipmentBodySchema = z
  .strictObject({
    lines: z
      .array(z.strictObject({ lineId: z.number().int().min(1), quantity: z.number().int().min(1) }))
      .min(1)
      .max(500),
    carrier: safeText(100)
      .nullish()
      .describe('Carrier name as you know it ("Colissimo", "DHL Express"...): we normalise it'),
    trackingNumbers: z.array(safeText(60).min(3)).min(1).max(20),
    trackingUrl: z.url().max(2000).nullish().describe('Kept as is when we do not know the carrier'),
    shippedAt: rfc3339,
    leaseToken: leaseToken
      .optional()
      .describe('Required when you ship an allocation you leased but did not acknowledge, while the lease is live'),
  })
  .meta({ id: 'ShipmentRequest' });

export const shipmentResultSchema = z
  .object({
    shipmentId: z.number().int().min(1),
    created: z.boolean().describe('false when the shipment was already recorded under this key by an earlier call'),
    allocationStatus: z.enum(allocationStatuses),
    carrier: z.string().nullable(),
    trackingUrls: z.array(z.string()),
  })
  .meta({ id: 'ShipmentResult' });

export const trackingUpdateBodySchema = z
  .strictObject({
    carrier: shipmentBodySchema.shape.carrier,
    trackingNumbers: shipmentBodySchema.shape.trackingNumbers,
    trackingUrl: shipmentBodySchema.shape.trackingUrl,
  })
  .meta({ id: 'TrackingUpdateRequest' });
export const trackingUpdateResultSchema = z
  .object({ changed: z.boolean(), carrier: z.string().nullable(), trackingUrls: z.array(z.string()) })
  .meta({ id: 'TrackingUpdateResult' });

export const shipmentStatuses = ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;

export const trackingEventBodySchema = z
  .strictObject({
    status: z.enum(['in_transit', 'out_for_delivery', 'delivered', 'exception']),
    occurredAt: rfc3339,
    description: safeText(500).nullish(),
    location: safeText(200).nullish(),
  })
  .meta({ id: 'TrackingEventRequest' });
export const trackingEventResultSchema = z
  .object({
    created: z.boolean().describe('false when this event was already recorded'),
    status: z.enum(shipmentStatuses).describe('The shipment status after this event'),
  })
  .meta({ id: 'TrackingEventResult' });

export const shipmentSchema = z
  .object({
    id: z.number().int().min(1),
    allocationId: z.number().int().min(1),
    idempotencyKey: z.string().describe('The Idempotency-Key it was reported with'),
    status: z.enum(shipmentStatuses),
    carrier: z.string().nullable(),
    trackingNumbers: z.array(z.string()),
    trackingUrls: z.array(z.string()),
    shippedAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lines: z.array(
      z
        .object({ lineId: z.number().int().min(1), sku: z.string(), quantity: z.number().int().min(1) })
        .meta({ id: 'ShipmentLine' }),
    ),
  })
  .meta({ id: 'Shipment' });
export const shipmentPageSchema = z
  .object({
    items: z.array(shipmentSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'ShipmentPage' });

export const snapshotBodySchema = z
  .strictObject({
    snapshotId: safeText(100)
      .min(1)
      .describe('Your id for this count, its idempotency key: a repeat with the same id and items changes nothing'),
    takenAt: rfc3339,
    items: z
      .array(z.strictObject({ sku: safeText(255).min(1), onHand: z.number().int().min(0) }))
      .min(1)
      .max(20000),
  })
  .meta({ id: 'InventorySnapshot' });
export const snapshotResultSchema = z
  .object({
    items: z.number().int().min(0),
    corrections: z
      .array(
        z
          .object({
            sku: z.string(),
            before: z.number().int(),
            after: z.number().int(),
            delta: z.number().int(),
            short: z.number().int().min(0),
          })
          .meta({ id: 'StockCorrection' }),
      )
      .describe('What this call changed in our ledger; empty on a replay'),
    unknownSkus: z.array(z.string()),
  })
  .meta({ id: 'SnapshotResult' });

export const stockLevelSchema = z
  .object({
    sku: z.string(),
    onHand: z.number().int().min(0).describe('What we believe you hold'),
    reserved: z.number().int().min(0).describe('Held for allocations not shipped yet'),
    available: z.number().int().min(0).describe('onHand − reserved: what we may still send you'),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockLevel' });
export const stockPageSchema = z
  .object({
    items: z.array(stockLevelSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'StockPage' });

export const webhookEventTypes = ['allocation.ready', 'allocation.cancel_requested'] as const;
export const webhookSubscriptionBodySchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Where we POST notifications; https in production'),
    events: z
      .array(z.enum(webhookEventTypes))
      .min(1)
      .default([...webhookEventTypes]),
    rotateSecret: z
      .boolean()
      .default(false)
      .describe('true to get a new signing secret; the old one stops working at once'),
  })
  .meta({ id: 'WebhookSubscriptionRequest' });
export const webhookSubscriptionSchema = z
  .object({
    url: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    secret: z
      .string()
      .optional()
      .describe('`whsec_…`, the Standard Webhooks signing secret: shown only when created or rotated'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookSubscription' });
export const webhookPayloadSchema = z
  .object({
    type: z.enum(webhookEventTypes),
    timestamp: z.iso.datetime(),
    data: z.object({
      allocationId: z.number().int().min(1),
      status: z.enum(['ready', 'cancel_requested']),
      orderName: z.string().nullable(),
    }),
  })
  .meta({
    id: 'WebhookEvent',
    description: 'A hint, not the data: read the allocation (GET /allocations/{id}) before acting on it.',
  });

export const idParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The resource id'),
});
export const idempotencyKeyHeader = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
