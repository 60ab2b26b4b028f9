import type { IncomingOrder } from './incoming-order.js';

/**
 * Everything of an order version that routing reads (toRoutingOrder, the payment hold, the lines
 * still to place), in one canonical string. Two versions with the same string route the same
 * way, so a version that only changes what routing ignores (a note, a tag, Shopify's own
 * fulfillment-order bookkeeping) needs no routing run.
 */
export function planInputs(o: IncomingOrder): string {
  const a = o.shippingAddress;
  return JSON.stringify([
    o.channel,
    o.placedAt.toISOString(),
    o.financialStatus,
    o.cancelledAt !== null,
    o.fulfilled,
    [a?.countryCode ?? null, a?.zip ?? null, a?.latitude ?? null, a?.longitude ?? null],
    [o.shippingRate?.code ?? null, o.shippingRate?.title ?? null, o.deliverBy ?? null],
    o.lines
      .map((l) => [l.externalId, l.sku, l.currentQuantity, l.requiresShipping, l.unitPrice])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
  ]);
}
