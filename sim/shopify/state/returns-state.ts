import type { SimFulfillment, SimFulfillmentLineItem, SimOrder, SimShop } from './types.js';

/** Units of a fulfillment line already in returns that were not declined or cancelled. */
export function returnedQuantity(shop: SimShop, order: SimOrder, fulfillmentLineItemId: number): number {
  let n = 0;
  for (const id of order.returnIds) {
    const r = shop.returns.get(id);
    if (!r || r.status === 'DECLINED' || r.status === 'CANCELED') continue;
    for (const l of r.lineItems) if (l.fulfillmentLineItemId === fulfillmentLineItemId) n += l.quantity;
  }
  return n;
}

/** A fulfillment line with the units that can still be returned. */
export interface ReturnableLine {
  fulfillment: SimFulfillment;
  line: SimFulfillmentLineItem;
  quantity: number;
}

export function returnableLines(shop: SimShop, order: SimOrder): ReturnableLine[] {
  const out: ReturnableLine[] = [];
  for (const fid of order.fulfillmentIds) {
    const f = shop.fulfillments.get(fid);
    if (!f || f.status !== 'SUCCESS') continue;
    for (const line of f.lineItems) {
      const q = line.quantity - returnedQuantity(shop, order, line.id);
      if (q > 0) out.push({ fulfillment: f, line, quantity: q });
    }
  }
  return out;
}

export function findFulfillmentLine(
  shop: SimShop,
  order: SimOrder,
  fulfillmentLineItemId: number,
): { fulfillment: SimFulfillment; line: SimFulfillmentLineItem } | undefined {
  for (const fid of order.fulfillmentIds) {
    const f = shop.fulfillments.get(fid);
    const line = f?.lineItems.find((l) => l.id === fulfillmentLineItemId);
    if (f && line) return { fulfillment: f, line };
  }
  return undefined;
}

/** The one sale transaction the simulator keeps per paid order: its id is derived from the order's. */
export const saleTransactionId = (order: SimOrder): number => order.id * 10 + 1;
