import { gid } from '../../core/ids.js';
import type { SimReturn, SimReverseFulfillmentOrder } from '../../state/types.js';

/** returns/request, returns/approve, returns/process: `name` null and no lines, as in every published example. */
export function returnPayload(ret: SimReturn): Record<string, unknown> {
  return {
    id: ret.id,
    admin_graphql_api_id: gid('Return', ret.id),
    status: ret.status.toLowerCase(),
    order: { id: ret.orderId, admin_graphql_api_id: gid('Order', ret.orderId) },
    total_return_line_items: ret.lineItems.reduce((s, l) => s + l.quantity, 0),
    name: null,
    // Shopify's published examples (and so the 2026-07 schema) carry no return line items: re-query the return
    return_line_items: [],
    return_shipping_fees: [],
    exchange_line_items: [],
    total_exchange_line_items: 0,
  };
}

/** returns/decline. */
export function returnDeclinePayload(ret: SimReturn): Record<string, unknown> {
  return {
    id: ret.id,
    admin_graphql_api_id: gid('Return', ret.id),
    status: ret.status.toLowerCase(),
    order: { id: ret.orderId, admin_graphql_api_id: gid('Order', ret.orderId) },
    decline: { reason: (ret.decline?.reason ?? 'OTHER').toLowerCase(), note: ret.decline?.note ?? '' },
  };
}

/** returns/close, returns/cancel, returns/reopen. */
export function returnStatusPayload(ret: SimReturn): Record<string, unknown> {
  return {
    id: ret.id,
    admin_graphql_api_id: gid('Return', ret.id),
    order_id: ret.orderId,
    status: ret.status.toLowerCase(),
  };
}

/** reverse_fulfillment_orders/dispose for the dispositions just made. */
export function disposePayload(
  rfo: SimReverseFulfillmentOrder,
  made: readonly { lineItemId: number; dispositionId: number }[],
): Record<string, unknown> {
  const dispositions = made.flatMap(({ lineItemId, dispositionId }) => {
    const line = rfo.lineItems.find((l) => l.id === lineItemId);
    const d = line?.dispositions.find((x) => x.id === dispositionId);
    if (!line || !d) return [];
    return [
      {
        reverse_fulfillment_order_line_item: {
          id: line.id,
          admin_graphql_api_id: gid('ReverseFulfillmentOrderLineItem', line.id),
        },
        reverse_delivery_line_item: null,
        type: d.type.toLowerCase(),
        location:
          d.locationId === null ? null : { id: d.locationId, admin_graphql_api_id: gid('Location', d.locationId) },
        quantity: d.quantity,
      },
    ];
  });
  return {
    id: rfo.id,
    admin_graphql_api_id: gid('ReverseFulfillmentOrder', rfo.id),
    dispositions,
    total_dispositions: dispositions.length,
  };
}
