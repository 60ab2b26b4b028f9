import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { findFulfillmentLine, returnedQuantity } from '../state/returns-state.js';
import type { SimOrder, SimReturn, SimReverseFulfillmentOrder, SimShop } from '../state/types.js';
import { returnDeclinePayload, returnPayload, returnStatusPayload } from '../webhooks/payloads/return-payload.js';
import { fail, ok, type OpResult } from './result.js';
import { buildExchangeLines, type ExchangeLineInput } from './return-exchanges.js';

/**
 * A return's life in the simulator: requested or created, approved or declined, closed. Its
 * dispositions (return-dispositions), processing and refunds (return-processing), exchanges
 * (return-exchanges) and reverse deliveries (reverse-deliveries) live beside it.
 */

/** One returned line: a fulfillment line item and how many units. */
export interface ReturnLineInput {
  fulfillmentLineItemId: unknown;
  quantity: number;
  customerNote?: string | null;
  returnReasonNote?: string | null;
}

function findOrder(shop: SimShop, id: unknown): SimOrder | undefined {
  const n = parseId(id, 'Order');
  return n === undefined ? undefined : shop.orders.get(n);
}

export function findReturn(shop: SimShop, id: unknown): SimReturn | undefined {
  const n = parseId(id, 'Return');
  return n === undefined ? undefined : shop.returns.get(n);
}

function build(
  core: SimCore,
  shop: SimShop,
  orderId: unknown,
  lines: readonly ReturnLineInput[],
  status: SimReturn['status'],
  exchanges: readonly ExchangeLineInput[] = [],
): OpResult<SimReturn> {
  const order = findOrder(shop, orderId);
  if (!order) return fail('Order does not exist.', ['orderId'], 'NOT_FOUND');
  if (lines.length === 0) return fail('Return must have at least one line item.', ['returnLineItems'], 'BLANK');
  const exchangeLineItems = buildExchangeLines(core, shop, exchanges);
  if (!exchangeLineItems.ok) return exchangeLineItems;
  const now = core.clock.now();
  const items: SimReturn['lineItems'] = [];
  for (const [i, l] of lines.entries()) {
    const field = ['returnLineItems', String(i)];
    const flId = parseId(l.fulfillmentLineItemId, 'FulfillmentLineItem');
    const found = flId === undefined ? undefined : findFulfillmentLine(shop, order, flId);
    if (!found || flId === undefined)
      return fail(
        'Fulfillment line item does not exist on this order.',
        [...field, 'fulfillmentLineItemId'],
        'NOT_FOUND',
      );
    if (!Number.isInteger(l.quantity) || l.quantity <= 0)
      return fail('Quantity must be greater than 0.', [...field, 'quantity'], 'GREATER_THAN');
    const left =
      found.line.quantity -
      returnedQuantity(shop, order, flId) -
      items.filter((x) => x.fulfillmentLineItemId === flId).reduce((s, x) => s + x.quantity, 0);
    if (l.quantity > left)
      return fail(
        `Quantity ${l.quantity} is greater than the returnable quantity ${left}.`,
        [...field, 'quantity'],
        'LESS_THAN_OR_EQUAL_TO',
      );
    items.push({
      id: core.ids.next(),
      fulfillmentLineItemId: flId,
      lineItemId: found.line.lineItemId,
      quantity: l.quantity,
      processedQuantity: 0,
      customerNote: l.customerNote ?? null,
      returnReasonNote: l.returnReasonNote ?? '',
    });
  }
  const ret: SimReturn = {
    id: core.ids.next(),
    orderId: order.id,
    name: `${order.name}-R${order.returnIds.length + 1}`,
    status,
    lineItems: items,
    exchangeLineItems: exchangeLineItems.value,
    decline: null,
    customerNotified: [],
    reverseFulfillmentOrderIds: [],
    createdAt: now,
    requestApprovedAt: null,
    closedAt: null,
    updatedAt: now,
  };
  shop.returns.set(ret.id, ret);
  order.returnIds.push(ret.id);
  order.updatedAt = now;
  return ok(ret);
}

function openReverseFulfillmentOrder(core: SimCore, shop: SimShop, ret: SimReturn): void {
  const rfo: SimReverseFulfillmentOrder = {
    id: core.ids.next(),
    returnId: ret.id,
    orderId: ret.orderId,
    status: 'OPEN',
    lineItems: ret.lineItems.map((l) => ({
      id: core.ids.next(),
      returnLineItemId: l.id,
      fulfillmentLineItemId: l.fulfillmentLineItemId,
      totalQuantity: l.quantity,
      dispositions: [],
    })),
  };
  shop.reverseFulfillmentOrders.set(rfo.id, rfo);
  ret.reverseFulfillmentOrderIds.push(rfo.id);
}

/** returnRequest: a customer-style request, REQUESTED until approved or declined. */
export function requestReturn(
  core: SimCore,
  shop: SimShop,
  input: { orderId: unknown; returnLineItems: readonly ReturnLineInput[] },
): OpResult<SimReturn> {
  const r = build(core, shop, input.orderId, input.returnLineItems, 'REQUESTED');
  if (!r.ok) return r;
  const ret = r.value;
  core.events.emit(shop, 'returns/request', () => returnPayload(ret));
  return r;
}

/**
 * returnCreate: a return already agreed, OPEN at once with its reverse fulfillment order. Only
 * this mutation takes exchange lines (ReturnRequestInput has no field for them).
 */
export function createReturn(
  core: SimCore,
  shop: SimShop,
  input: {
    orderId: unknown;
    returnLineItems: readonly ReturnLineInput[];
    exchangeLineItems?: readonly ExchangeLineInput[] | null;
  },
): OpResult<SimReturn> {
  const r = build(core, shop, input.orderId, input.returnLineItems, 'OPEN', input.exchangeLineItems ?? []);
  if (!r.ok) return r;
  const ret = r.value;
  ret.requestApprovedAt = ret.createdAt;
  openReverseFulfillmentOrder(core, shop, ret);
  core.events.emit(shop, 'returns/approve', () => returnPayload(ret));
  return r;
}

export function approveReturn(core: SimCore, shop: SimShop, id: unknown): OpResult<SimReturn> {
  const ret = findReturn(shop, id);
  if (!ret) return fail('Return does not exist.', ['id'], 'NOT_FOUND');
  if (ret.status !== 'REQUESTED')
    return fail(
      `Return is ${ret.status.toLowerCase()}, only requested returns can be approved.`,
      ['id'],
      'INVALID_STATE',
    );
  ret.status = 'OPEN';
  ret.requestApprovedAt = core.clock.now();
  ret.updatedAt = ret.requestApprovedAt;
  openReverseFulfillmentOrder(core, shop, ret);
  core.events.emit(shop, 'returns/approve', () => returnPayload(ret));
  return ok(ret);
}

export function declineReturn(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  reason: string,
  note?: string | null,
): OpResult<SimReturn> {
  const ret = findReturn(shop, id);
  if (!ret) return fail('Return does not exist.', ['id'], 'NOT_FOUND');
  if (ret.status !== 'REQUESTED')
    return fail(
      `Return is ${ret.status.toLowerCase()}, only requested returns can be declined.`,
      ['id'],
      'INVALID_STATE',
    );
  ret.status = 'DECLINED';
  ret.decline = { reason, note: note ?? null };
  ret.updatedAt = core.clock.now();
  core.events.emit(shop, 'returns/decline', () => returnDeclinePayload(ret));
  return ok(ret);
}
export function closeReturn(core: SimCore, shop: SimShop, id: unknown): OpResult<SimReturn> {
  const ret = findReturn(shop, id);
  if (!ret) return fail('Return does not exist.', ['id'], 'NOT_FOUND');
  if (ret.status !== 'OPEN')
    return fail(`Return is ${ret.status.toLowerCase()}, only open returns can be closed.`, ['id'], 'INVALID_STATE');
  ret.status = 'CLOSED';
  ret.closedAt = core.clock.now();
  ret.updatedAt = ret.closedAt;
  for (const rid of ret.reverseFulfillmentOrderIds) {
    const rfo = shop.reverseFulfillmentOrders.get(rid);
    if (rfo) rfo.status = 'CLOSED';
  }
  core.events.emit(shop, 'returns/close', () => returnStatusPayload(ret));
  return ok(ret);
}
