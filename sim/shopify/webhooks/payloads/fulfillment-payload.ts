import { gid } from '../../core/ids.js';
import type { SimFulfillment, SimOrder, SimShop } from '../../state/types.js';
import { restAddress, restTime } from './common.js';
import { restLineItem } from './order-payload.js';

/** REST shipment_status words from FulfillmentEventStatus. */
export function restShipmentStatus(status: string | null): string | null {
  return status === null ? null : status.toLowerCase();
}

function serviceName(shop: SimShop, f: SimFulfillment): string {
  const loc = shop.locations.get(f.locationId);
  const fs = loc?.fulfillmentServiceId ? shop.fulfillmentServices.get(loc.fulfillmentServiceId) : undefined;
  return fs ? fs.handle : 'manual';
}

/**
 * REST fulfillment, as fulfillments/* carry it and as orders/* nest it under `fulfillments`.
 * Lines nested in an order omit tax lines (see order-payload).
 */
export function fulfillmentResource(
  shop: SimShop,
  order: SimOrder,
  f: SimFulfillment,
  nested: boolean,
): Record<string, unknown> {
  const first = f.tracking[0];
  const lines = f.lineItems.flatMap((fl) => {
    const li = order.lineItems.find((l) => l.id === fl.lineItemId);
    return li ? [restLineItem(shop, order, li, { quantity: fl.quantity, nested: true })] : [];
  });
  const body: Record<string, unknown> = {
    id: f.id,
    admin_graphql_api_id: gid('Fulfillment', f.id),
    created_at: restTime(shop, f.createdAt),
    location_id: f.locationId,
    name: f.name,
    order_id: order.id,
    origin_address: {},
    receipt: {},
    service: serviceName(shop, f),
    shipment_status: restShipmentStatus(f.shipmentStatus),
    status: f.status.toLowerCase(),
    tracking_company: first?.company ?? null,
    tracking_number: first?.number ?? null,
    tracking_numbers: f.tracking.flatMap((t) => (t.number ? [t.number] : [])),
    tracking_url: first?.url ?? null,
    tracking_urls: f.tracking.flatMap((t) => (t.url ? [t.url] : [])),
    updated_at: restTime(shop, f.updatedAt),
    line_items: lines,
  };
  if (!nested) {
    body.destination = restAddress(order.shippingAddress);
    body.email = order.email;
  }
  return body;
}

/** fulfillments/create and fulfillments/update. */
export function fulfillmentPayload(shop: SimShop, f: SimFulfillment): Record<string, unknown> {
  const order = shop.orders.get(f.orderId);
  if (!order) throw new Error(`order ${f.orderId} missing`);
  return fulfillmentResource(shop, order, f, false);
}
