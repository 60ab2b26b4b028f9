import { z } from 'zod';
import { routingRulesSchema } from '../domain/routing/rules.js';
import type { QueueName } from './names.js';

/** Job payload schemas, one per queue; producers and processors both parse with these. */
export const payloadSchemas = {
  /** one inbox event, or a batch of mirror-only events applied in one transaction (ingest-batch.ts) */
  ingest: z.union([
    z.object({ inboxId: z.number().int().positive() }),
    z.object({ inboxIds: z.array(z.number().int().positive()).min(1).max(1000) }),
  ]),
  route: z.object({
    shopId: z.number().int().positive(),
    orderId: z.number().int().positive(),
    reason: z.string(),
    /** the order's channel id, when the producer knows it: routing then locks before it reads */
    orderRef: z.string().max(255).optional(),
  }),
  dispatch: z.object({ shopId: z.number().int().positive(), allocationId: z.number().int().positive() }),
  /** one shipment's push; else (`task: 'new-shipments'`) the shop's newly recorded shipments, or its carrier scans that are due */
  fulfill: z.object({
    shopId: z.number().int().positive(),
    shipmentId: z.number().int().positive().optional(),
    task: z.literal('new-shipments').optional(),
  }),
  'inventory-sync': z.object({ shopId: z.number().int().positive(), full: z.boolean().optional() }),
  alerts: z.object({ shopId: z.number().int().positive(), full: z.boolean().optional() }),
  reconcile: z.object({
    shopId: z.number().int().positive(),
    kind: z.enum(['orders', 'import', 'fulfillment-requests', 'catalog']).default('orders'),
  }),
  maintenance: z.object({ task: z.enum(['sweep', 'schedule-reconcile', 'detect-delays', 'stock-digest']) }),
  /** one marketplace account's work; `changedAt` (ms) is when the stock change that asked for a push happened */
  channels: z.object({
    shopId: z.number().int().positive(),
    accountId: z.number().int().positive(),
    task: z.enum(['poll', 'push-stock']),
    changedAt: z.number().int().optional(),
    full: z.boolean().optional(),
  }),
  email: z.object({ shopId: z.number().int().positive(), outboxId: z.number().int().positive() }),
  returns: z.object({ shopId: z.number().int().positive(), returnId: z.number().int().positive() }),
  /** a merchant's "try on past orders": the draft rules, the window in days, and `now` (ms) it ends at */
  simulate: z.object({
    shopId: z.number().int().positive(),
    rules: routingRulesSchema,
    days: z.number().int().min(1).max(90),
    now: z.number().int(),
  }),
} satisfies Record<QueueName, z.ZodType>;

export type JobPayload<N extends QueueName> = z.infer<(typeof payloadSchemas)[N]>;
