import { z } from 'zod';
import type { QueueName } from './names.js';

/** Job payload schemas, one per queue; producers and processors both parse with these. */
export const payloadSchemas = {
  ingest: z.object({ inboxId: z.number().int().positive() }),
  route: z.object({ shopId: z.number().int().positive(), orderId: z.number().int().positive(), reason: z.string() }),
  dispatch: z.object({ shopId: z.number().int().positive(), allocationId: z.number().int().positive() }),
  fulfill: z.object({ shopId: z.number().int().positive(), shipmentId: z.number().int().positive() }),
  'inventory-sync': z.object({ shopId: z.number().int().positive(), full: z.boolean().optional() }),
  alerts: z.object({ shopId: z.number().int().positive(), full: z.boolean().optional() }),
  reconcile: z.object({ shopId: z.number().int().positive(), kind: z.enum(['orders', 'import', 'fulfillment-requests']).default('orders') }),
  maintenance: z.object({ task: z.enum(['sweep', 'schedule-reconcile', 'detect-delays', 'stock-digest']) }),
  email: z.object({ shopId: z.number().int().positive(), outboxId: z.number().int().positive() }),
  returns: z.object({ shopId: z.number().int().positive(), returnId: z.number().int().positive() }),
} satisfies Record<QueueName, z.ZodType>;

export type JobPayload<N extends QueueName> = z.infer<(typeof payloadSchemas)[N]>;

/** Job ids are built from durable keys so a re-enqueue of the same work is one job, not two. */
export const jobIds = {
  ingest: (p: JobPayload<'ingest'>) => `inbox-${p.inboxId}`,
  dispatch: (p: JobPayload<'dispatch'>) => `alloc-${p.allocationId}`,
  fulfill: (p: JobPayload<'fulfill'>) => `shipment-${p.shipmentId}`,
  email: (p: JobPayload<'email'>) => `email-${p.outboxId}`,
} satisfies Partial<{ [N in QueueName]: (p: JobPayload<N>) => string }>;
