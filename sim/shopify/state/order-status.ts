import type { SimFulfillment, SimFulfillmentOrder, SimLineItem, SimOrder, SimShop } from './types.js';

/** FO states in which work is still to be done. */
export function isFoActive(fo: SimFulfillmentOrder): boolean {
  return fo.status !== 'CLOSED' && fo.status !== 'CANCELLED' && fo.status !== 'INCOMPLETE';
}

export function orderFulfillmentOrders(shop: SimShop, order: SimOrder): SimFulfillmentOrder[] {
  const out: SimFulfillmentOrder[] = [];
  for (const id of order.fulfillmentOrderIds) {
    const fo = shop.fulfillmentOrders.get(id);
    if (fo) out.push(fo);
  }
  return out;
}

/**
 * The fulfillments that took units from a fulfillment order. One fulfillment covers fulfillment
 * orders of a single order and is listed on it, so the order's list is read instead of the shop's.
 */
export function foFulfillments(shop: SimShop, fo: SimFulfillmentOrder): SimFulfillment[] {
  const out: SimFulfillment[] = [];
  for (const id of shop.orders.get(fo.orderId)?.fulfillmentIds ?? []) {
    const f = shop.fulfillments.get(id);
    if (f && f.fulfillmentOrderIds.includes(fo.id)) out.push(f);
  }
  return out;
}

export function fulfilledQuantity(shop: SimShop, order: SimOrder, lineItemId: number): number {
  let n = 0;
  for (const id of order.fulfillmentIds) {
    const f = shop.fulfillments.get(id);
    if (!f || f.status !== 'SUCCESS') continue;
    for (const l of f.lineItems) if (l.lineItemId === lineItemId) n += l.quantity;
  }
  return n;
}

/** Units of a line still waiting in open fulfillment orders. */
export function fulfillableQuantity(shop: SimShop, order: SimOrder, lineItemId: number): number {
  let n = 0;
  for (const fo of orderFulfillmentOrders(shop, order)) {
    if (!isFoActive(fo)) continue;
    for (const l of fo.lineItems) if (l.lineItemId === lineItemId) n += l.remainingQuantity;
  }
  return n;
}

export function unfulfilledQuantity(shop: SimShop, order: SimOrder, li: SimLineItem): number {
  return Math.max(0, li.currentQuantity - fulfilledQuantity(shop, order, li.id));
}

/** REST `fulfillment_status` of a line: null, "partial" or "fulfilled". */
export function lineFulfillmentStatus(shop: SimShop, order: SimOrder, li: SimLineItem): string | null {
  const done = fulfilledQuantity(shop, order, li.id);
  if (done === 0) return null;
  return done >= li.currentQuantity ? 'fulfilled' : 'partial';
}

/** REST `fulfillment_status` of an order: null, "partial" or "fulfilled". */
export function orderRestFulfillmentStatus(shop: SimShop, order: SimOrder): string | null {
  const shippable = order.lineItems.filter((l) => l.currentQuantity > 0);
  let total = 0;
  let done = 0;
  for (const li of shippable) {
    total += li.currentQuantity;
    done += Math.min(li.currentQuantity, fulfilledQuantity(shop, order, li.id));
  }
  if (done === 0) return null;
  return done >= total ? 'fulfilled' : 'partial';
}

/** OrderDisplayFulfillmentStatus. */
export function displayFulfillmentStatus(shop: SimShop, order: SimOrder): string {
  const rest = orderRestFulfillmentStatus(shop, order);
  if (rest === 'fulfilled') return 'FULFILLED';
  if (rest === 'partial') return 'PARTIALLY_FULFILLED';
  const active = orderFulfillmentOrders(shop, order).filter(isFoActive);
  if (order.lineItems.every((l) => !l.requiresShipping || l.currentQuantity === 0) && order.cancelledAt === null)
    return 'FULFILLMENT_NOT_REQUIRED';
  if (active.length > 0 && active.every((fo) => fo.status === 'ON_HOLD')) return 'ON_HOLD';
  if (active.length > 0 && active.every((fo) => fo.status === 'SCHEDULED')) return 'SCHEDULED';
  if (active.some((fo) => fo.status === 'IN_PROGRESS')) return 'IN_PROGRESS';
  if (active.length > 0 && active.every((fo) => fo.requestStatus === 'REJECTED')) return 'REQUEST_DECLINED';
  if (active.some((fo) => fo.requestStatus === 'SUBMITTED')) return 'PENDING_FULFILLMENT';
  return 'UNFULFILLED';
}

/** OrderDisplayFinancialStatus from the REST word. */
export function displayFinancialStatus(order: SimOrder): string {
  return order.financialStatus.toUpperCase();
}

/** Totals in cents; prices include tax when the shop has a VAT rate. */
export interface OrderTotals {
  subtotal: number;
  lineItemsTotal: number;
  shipping: number;
  tax: number;
  total: number;
  weightGrams: number;
}

export function taxIncluded(grossCents: number, rate: number): number {
  if (rate <= 0) return 0;
  return Math.round(grossCents - grossCents / (1 + rate));
}

export function orderTotals(shop: SimShop, order: SimOrder, current = true): OrderTotals {
  let lines = 0;
  let grams = 0;
  for (const li of order.lineItems) {
    const q = current ? li.currentQuantity : li.quantity;
    lines += li.priceCents * q;
    grams += li.grams * q;
  }
  const shipping = order.shippingLines.reduce((s, l) => s + l.priceCents, 0);
  const total = lines + shipping;
  return {
    subtotal: lines,
    lineItemsTotal: lines,
    shipping,
    tax: taxIncluded(total, shop.taxRate),
    total,
    weightGrams: grams,
  };
}

/** OrderReturnStatus. */
export function orderReturnStatus(shop: SimShop, order: SimOrder): string {
  const returns = order.returnIds.map((id) => shop.returns.get(id)).filter((r) => r !== undefined);
  if (returns.length === 0) return 'NO_RETURN';
  if (returns.some((r) => r.status === 'REQUESTED')) return 'RETURN_REQUESTED';
  if (returns.some((r) => r.status === 'OPEN')) {
    const open = returns.filter((r) => r.status === 'OPEN');
    const allProcessed = open.every((r) => r.lineItems.every((l) => l.processedQuantity >= l.quantity));
    return allProcessed ? 'INSPECTION_COMPLETE' : 'IN_PROGRESS';
  }
  if (returns.some((r) => r.status === 'CLOSED')) return 'RETURNED';
  return 'NO_RETURN';
}
