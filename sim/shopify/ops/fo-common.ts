import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import type { SimFoLineItem, SimFulfillmentOrder, SimOrder, SimShop } from '../state/types.js';
import { fail, ok, type OpResult } from './result.js';

/** `{id, quantity}` of a fulfillment order line as mutations take it. */
export interface FoLineInput {
  id: string | number;
  quantity: number;
}

/** A validated selection of FO lines. */
export interface FoLineSelection {
  line: SimFoLineItem;
  quantity: number;
}

export function findFo(shop: SimShop, id: unknown): SimFulfillmentOrder | undefined {
  const n = parseId(id, 'FulfillmentOrder');
  return n === undefined ? undefined : shop.fulfillmentOrders.get(n);
}

export function foOrder(shop: SimShop, fo: SimFulfillmentOrder): SimOrder {
  const order = shop.orders.get(fo.orderId);
  if (!order) throw new Error(`order ${fo.orderId} missing`);
  return order;
}

export function notFound<T>(field = 'id'): OpResult<T> {
  return fail('Fulfillment order does not exist.', [field], 'FULFILLMENT_ORDER_NOT_FOUND');
}

/**
 * Resolves requested lines against an FO; omitted input means every line with units left.
 * Quantities must be positive and at most what remains.
 */
export function selectLines(
  fo: SimFulfillmentOrder,
  input: readonly FoLineInput[] | null | undefined,
  field: string,
): OpResult<FoLineSelection[]> {
  if (!input)
    return ok(
      fo.lineItems.filter((l) => l.remainingQuantity > 0).map((line) => ({ line, quantity: line.remainingQuantity })),
    );
  const out: FoLineSelection[] = [];
  for (const [i, item] of input.entries()) {
    const id = parseId(item.id, 'FulfillmentOrderLineItem');
    const line = fo.lineItems.find((l) => l.id === id);
    if (!line)
      return fail(
        `Fulfillment order line item does not exist: ${String(item.id)}`,
        [field, String(i), 'id'],
        'INVALID_LINE_ITEM_QUANTITY',
      );
    if (out.some((o) => o.line.id === line.id))
      return fail(
        'Duplicated fulfillment order line items',
        [field, String(i), 'id'],
        'DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS',
      );
    if (!Number.isInteger(item.quantity) || item.quantity <= 0)
      return fail('Quantity must be greater than 0', [field, String(i), 'quantity'], 'GREATER_THAN_ZERO');
    if (item.quantity > line.remainingQuantity)
      return fail(
        `Quantity ${item.quantity} is greater than the remaining quantity ${line.remainingQuantity}`,
        [field, String(i), 'quantity'],
        'INVALID_LINE_ITEM_QUANTITY',
      );
    out.push({ line, quantity: item.quantity });
  }
  return ok(out);
}

/** True when the selection takes every remaining unit of the FO. */
export function selectsEverything(fo: SimFulfillmentOrder, sel: readonly FoLineSelection[]): boolean {
  const taken = new Map(sel.map((s) => [s.line.id, s.quantity]));
  return fo.lineItems.every((l) => (taken.get(l.id) ?? 0) >= l.remainingQuantity);
}

/** Takes the selected units out of `fo` into a new FO (same order, given location), placed after it. */
export function carveOut(
  core: SimCore,
  shop: SimShop,
  fo: SimFulfillmentOrder,
  sel: readonly FoLineSelection[],
  locationId: number,
  opts: { keepTotals?: boolean } = {},
): SimFulfillmentOrder {
  const now = core.clock.now();
  const carved: SimFulfillmentOrder = {
    id: core.ids.next(),
    orderId: fo.orderId,
    assignedLocationId: locationId,
    status: 'OPEN',
    requestStatus: 'UNSUBMITTED',
    lineItems: sel.map((s) => ({
      id: core.ids.next(),
      lineItemId: s.line.lineItemId,
      totalQuantity: s.quantity,
      remainingQuantity: s.quantity,
    })),
    holds: [],
    statusBeforeHold: null,
    merchantRequests: [],
    fulfillAt: fo.fulfillAt,
    destinationId: fo.destinationId,
    deliveryMethodId: fo.deliveryMethodId,
    createdAt: now,
    updatedAt: now,
  };
  for (const s of sel) {
    if (!opts.keepTotals) s.line.totalQuantity -= s.quantity;
    s.line.remainingQuantity -= s.quantity;
  }
  if (!opts.keepTotals) fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
  fo.updatedAt = now;
  shop.fulfillmentOrders.set(carved.id, carved);
  const order = foOrder(shop, fo);
  const at = order.fulfillmentOrderIds.indexOf(fo.id);
  order.fulfillmentOrderIds.splice(at + 1, 0, carved.id);
  return carved;
}

/** A copy of the FO's remaining work in a fresh OPEN/UNSUBMITTED FO; the original is closed. */
export function replaceFo(core: SimCore, shop: SimShop, fo: SimFulfillmentOrder): SimFulfillmentOrder {
  const sel = fo.lineItems
    .filter((l) => l.remainingQuantity > 0)
    .map((line) => ({ line, quantity: line.remainingQuantity }));
  // the closed original keeps its lines for history; only the remaining units move
  const replacement = carveOut(core, shop, fo, sel, fo.assignedLocationId, { keepTotals: true });
  fo.status = 'CLOSED';
  fo.updatedAt = core.clock.now();
  return replacement;
}

/** Request statuses in which a fulfillment service holds the work. */
export function isWithService(fo: SimFulfillmentOrder): boolean {
  return (
    fo.requestStatus === 'SUBMITTED' ||
    fo.requestStatus === 'ACCEPTED' ||
    fo.requestStatus === 'CANCELLATION_REQUESTED' ||
    fo.requestStatus === 'CANCELLATION_REJECTED'
  );
}

/** Sets a new status, keeping updatedAt current. */
export function setStatus(core: SimCore, fo: SimFulfillmentOrder, status: SimFulfillmentOrder['status']): void {
  fo.status = status;
  fo.updatedAt = core.clock.now();
}
