import { z } from 'zod';
import { createAuditRepo } from '../../db/audit-repo.js';
import { gid, restFulfillmentOrderRefSchema } from '../../integrations/shopify/rest-payloads.js';
import type { Tx } from '../../db/client.js';
import type { InboxEvent } from '../../db/inbox-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import type { Shop } from '../../db/shops-repo.js';
import { createShopifyMirrorRepo, type MirroredFulfillmentOrder } from '../../db/shopify-mirror-repo.js';
import type { TopicHandler } from './types.js';

type FoRef = z.infer<typeof restFulfillmentOrderRefSchema>;

function mirrored(fo: FoRef, at: Date): MirroredFulfillmentOrder & { at: Date } {
  return {
    externalId: fo.id,
    status: (fo.status ?? 'open').toUpperCase(),
    requestStatus: fo.request_status?.toUpperCase() ?? null,
    locationExternalId: fo.assigned_location_id ? gid('Location', fo.assigned_location_id) : null,
    at,
  };
}

const foKeys = [
  'fulfillment_order',
  'original_fulfillment_order',
  'moved_fulfillment_order',
  'submitted_fulfillment_order',
  'remaining_fulfillment_order',
  'replacement_fulfillment_order',
] as const;

/** The fulfillment orders an event names, as mirror rows. */
function fulfillmentOrdersOf(payload: unknown, event: InboxEvent): (MirroredFulfillmentOrder & { at: Date })[] {
  const body = z.record(z.string(), z.unknown()).parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  const found = [];
  for (const key of foKeys) {
    const ref = restFulfillmentOrderRefSchema.safeParse(body[key]);
    if (ref.success) found.push(mirrored(ref.data, at));
  }
  return found;
}

/**
 * fulfillment_orders/*: the payloads carry only ids and statuses; we mirror them so the admin
 * can see Shopify's side, and routing re-reads the full FOs when it acts.
 */
export const ingestFulfillmentOrderEvent: TopicHandler = async (tx, shop, payload, event) => {
  const fos = fulfillmentOrdersOf(payload, event);
  await createShopifyMirrorRepo(tx).applyFulfillmentOrderVersions(shop.id, fos);
  return { outcome: `mirrored ${fos.length}` };
};

/**
 * The fulfillment_orders/* events of an ingest batch in one statement, which leaves each
 * fulfillment order as the events applied one after the other in the order they came would.
 */
export async function ingestFulfillmentOrderEvents(
  tx: Tx,
  shop: Shop,
  events: { event: InboxEvent; payload: unknown }[],
): Promise<void> {
  const inOrder = [...events].sort((x, y) => Number(x.event.id) - Number(y.event.id));
  await createShopifyMirrorRepo(tx).applyFulfillmentOrderVersions(
    shop.id,
    inOrder.flatMap(({ event, payload }) => fulfillmentOrdersOf(payload, event)),
  );
}

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

type ShopifyFulfillment = z.infer<typeof restFulfillmentSchema>;

const fulfillmentAction = (event: InboxEvent) =>
  event.topic === 'fulfillments/create' ? 'shopify_fulfillment_created' : 'shopify_fulfillment_updated';

const fulfillmentEntry = (f: ShopifyFulfillment) => ({
  fulfillment: f.admin_graphql_api_id ?? gid('Fulfillment', f.id),
  status: f.status,
  shipmentStatus: f.shipment_status,
  trackingCompany: f.tracking_company,
  trackingNumbers: f.tracking_numbers ?? (f.tracking_number ? [f.tracking_number] : []),
  trackingUrl: f.tracking_url,
});

/** fulfillments/create, update: record Shopify's fulfillment on the order's timeline. */
export const ingestFulfillment: TopicHandler = async (tx, shop, payload, event) => {
  const f = restFulfillmentSchema.parse(payload);
  const recorded = await createAuditRepo(tx).recordOnOrder(
    shop.id,
    { channel: 'shopify', externalId: gid('Order', f.order_id) },
    fulfillmentAction(event),
    'shopify',
    fulfillmentEntry(f),
  );
  if (!recorded) return { outcome: 'unknown order' };
  return { outcome: 'recorded' };
};

/**
 * The fulfillments/* events of an ingest batch: their orders found in one read, their entries
 * gathered with the batch's timeline (one per event, in the batch's order); an order not held
 * gets none, as with `ingestFulfillment`.
 */
export async function ingestFulfillments(
  tx: Tx,
  shop: Shop,
  events: { event: InboxEvent; payload: unknown }[],
): Promise<void> {
  const parsed = events.map(({ event, payload }) => ({ event, f: restFulfillmentSchema.parse(payload) }));
  if (parsed.length === 0) return;
  const ids = await createOrdersRepo(tx).idsByExternalId(shop.id, 'shopify', [
    ...new Set(parsed.map(({ f }) => gid('Order', f.order_id))),
  ]);
  const audit = createAuditRepo(tx);
  for (const { event, f } of parsed) {
    const orderId = ids.get(gid('Order', f.order_id));
    if (orderId !== undefined)
      await audit.record(shop.id, 'order', String(orderId), fulfillmentAction(event), 'shopify', fulfillmentEntry(f));
  }
}
