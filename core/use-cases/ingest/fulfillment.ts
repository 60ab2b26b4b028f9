import { z } from 'zod';
import { createAuditRepo } from '../../db/audit-repo.js';
import { gid, restFulfillmentOrderRefSchema } from '../../integrations/shopify/rest-payloads.js';
import type { Tx } from '../../db/client.js';
import { createShopifyMirrorRepo } from '../../db/shopify-mirror-repo.js';
import type { TopicHandler } from './types.js';

type FoRef = z.infer<typeof restFulfillmentOrderRefSchema>;

async function mirror(tx: Tx, shopId: number, fo: FoRef, at: Date): Promise<void> {
  const location = fo.assigned_location_id ? gid('Location', fo.assigned_location_id) : null;
  await createShopifyMirrorRepo(tx).upsertFulfillmentOrder(
    shopId,
    {
      externalId: fo.id,
      status: (fo.status ?? 'open').toUpperCase(),
      requestStatus: fo.request_status?.toUpperCase() ?? null,
      locationExternalId: location,
    },
    at,
  );
}

const foKeys = [
  'fulfillment_order',
  'original_fulfillment_order',
  'moved_fulfillment_order',
  'submitted_fulfillment_order',
  'remaining_fulfillment_order',
  'replacement_fulfillment_order',
] as const;

/**
 * fulfillment_orders/*: the payloads carry only ids and statuses; we mirror them so the admin
 * can see Shopify's side, and routing re-reads the full FOs when it acts.
 */
export const ingestFulfillmentOrderEvent: TopicHandler = async (tx, shop, payload, event) => {
  const body = z.record(z.string(), z.unknown()).parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  let n = 0;
  for (const key of foKeys) {
    const ref = restFulfillmentOrderRefSchema.safeParse(body[key]);
    if (ref.success) {
      await mirror(tx, shop.id, ref.data, at);
      n++;
    }
  }
  return { outcome: `mirrored ${n}` };
};

const restFulfillmentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  admin_graphql_api_id: z.string().optional(),
  order_id: z.union([z.string(), z.number()]).transform(String),
  status: z.string().nullish(),
  shipment_status: z.string().nullish(),
  tracking_company: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: z.string().nullish(),
});

/** fulfillments/create, update: record Shopify's fulfillment on the order's timeline. */
export const ingestFulfillment: TopicHandler = async (tx, shop, payload, event) => {
  const f = restFulfillmentSchema.parse(payload);
  const recorded = await createAuditRepo(tx).recordOnOrder(
    shop.id,
    { channel: 'shopify', externalId: gid('Order', f.order_id) },
    event.topic === 'fulfillments/create' ? 'shopify_fulfillment_created' : 'shopify_fulfillment_updated',
    'shopify',
    {
      fulfillment: f.admin_graphql_api_id ?? gid('Fulfillment', f.id),
      status: f.status,
      shipmentStatus: f.shipment_status,
      trackingCompany: f.tracking_company,
      trackingNumbers: f.tracking_numbers ?? (f.tracking_number ? [f.tracking_number] : []),
      trackingUrl: f.tracking_url,
    },
  );
  if (!recorded) return { outcome: 'unknown order' };
  return { outcome: 'recorded' };
};
