import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import { findFulfillmentLine, returnedQuantity, saleTransactionId } from '../state/returns-state.js';
import { orderTotals } from '../state/order-status.js';
import type {
  SimDisposition,
  SimOrder,
  SimReturn,
  SimReverseDelivery,
  SimReverseFulfillmentOrder,
  SimShop,
} from '../state/types.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { refundPayload } from '../webhooks/payloads/refund-payload.js';
import {
  disposePayload,
  returnDeclinePayload,
  returnPayload,
  returnStatusPayload,
} from '../webhooks/payloads/return-payload.js';
import { fail, ok, type OpResult } from './result.js';
import {
  applyExchangeProcessing,
  buildExchangeLines,
  planExchangeProcessing,
  type ExchangeLineInput,
  type ExchangeProcessInput,
} from './return-exchanges.js';

/** One returned line: a fulfillment line item and how many units. */
export interface ReturnLineInput {
  fulfillmentLineItemId: unknown;
  quantity: number;
  customerNote?: string | null;
  returnReasonNote?: string | null;
}

/** One disposition of reverse fulfillment order units. */
export interface DispositionInput {
  reverseFulfillmentOrderLineItemId: unknown;
  quantity: number;
  dispositionType: SimDisposition['type'];
  locationId?: unknown;
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

/** reverseFulfillmentOrderDispose: RESTOCKED units go back to available at the location. */
export function dispose(
  core: SimCore,
  shop: SimShop,
  inputs: readonly DispositionInput[],
): OpResult<{ rfo: SimReverseFulfillmentOrder; lineItemIds: number[] }[]> {
  const touched = new Map<
    number,
    { rfo: SimReverseFulfillmentOrder; made: { lineItemId: number; dispositionId: number }[] }
  >();
  const planned: {
    rfo: SimReverseFulfillmentOrder;
    lineId: number;
    input: DispositionInput;
    locationId: number | null;
  }[] = [];
  for (const [i, d] of inputs.entries()) {
    const field = ['dispositionInputs', String(i)];
    const lineId = parseId(d.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem');
    const rfo = [...shop.reverseFulfillmentOrders.values()].find((r) => r.lineItems.some((l) => l.id === lineId));
    const line = rfo?.lineItems.find((l) => l.id === lineId);
    if (!rfo || !line || lineId === undefined)
      return fail(
        'Reverse fulfillment order line item does not exist.',
        [...field, 'reverseFulfillmentOrderLineItemId'],
        'NOT_FOUND',
      );
    if (rfo.status !== 'OPEN') return fail('Reverse fulfillment order is not open.', field, 'INVALID_STATE');
    const disposed =
      line.dispositions.reduce((s, x) => s + x.quantity, 0) +
      planned.filter((p) => p.lineId === lineId).reduce((s, p) => s + p.input.quantity, 0);
    if (!Number.isInteger(d.quantity) || d.quantity <= 0)
      return fail('Quantity must be greater than 0.', [...field, 'quantity'], 'GREATER_THAN');
    if (d.quantity > line.totalQuantity - disposed)
      return fail(
        `Quantity exceeds the ${line.totalQuantity - disposed} units left to dispose.`,
        [...field, 'quantity'],
        'LESS_THAN_OR_EQUAL_TO',
      );
    const locationId =
      d.locationId === undefined || d.locationId === null ? null : (parseId(d.locationId, 'Location') ?? -1);
    if (locationId !== null && !shop.locations.has(locationId))
      return fail('Location does not exist.', [...field, 'locationId'], 'NOT_FOUND');
    if (d.dispositionType === 'RESTOCKED' && locationId === null)
      return fail('A location is required to restock.', [...field, 'locationId'], 'BLANK');
    planned.push({ rfo, lineId, input: d, locationId });
  }
  const now = core.clock.now();
  const deltas: QuantityDelta[] = [];
  for (const p of planned) {
    const line = p.rfo.lineItems.find((l) => l.id === p.lineId);
    if (!line) continue;
    const disposition: SimDisposition = {
      id: core.ids.next(),
      type: p.input.dispositionType,
      quantity: p.input.quantity,
      locationId: p.locationId,
      createdAt: now,
    };
    line.dispositions.push(disposition);
    const entry = touched.get(p.rfo.id) ?? { rfo: p.rfo, made: [] };
    entry.made.push({ lineItemId: line.id, dispositionId: disposition.id });
    touched.set(p.rfo.id, entry);
    if (p.input.dispositionType === 'RESTOCKED' && p.locationId !== null) {
      const order = shop.orders.get(p.rfo.orderId);
      const found = order ? findFulfillmentLine(shop, order, line.fulfillmentLineItemId) : undefined;
      const li = found && order ? order.lineItems.find((l) => l.id === found.line.lineItemId) : undefined;
      if (li?.inventoryItemId)
        deltas.push({
          inventoryItemId: li.inventoryItemId,
          locationId: p.locationId,
          name: 'available',
          delta: p.input.quantity,
        });
    }
  }
  applyDeltas(core, shop, deltas);
  for (const { rfo, made } of touched.values())
    core.events.emit(shop, 'reverse_fulfillment_orders/dispose', () => disposePayload(rfo, made));
  return ok([...touched.values()].map(({ rfo, made }) => ({ rfo, lineItemIds: made.map((m) => m.lineItemId) })));
}

/** A refund asked of returnProcess: the parent transaction and the amount in cents. */
export interface RefundInput {
  parentTransactionId: unknown;
  amountCents: number;
}

/**
 * returnProcess: confirms units (with optional dispositions) and, with issueRefund, sends money
 * back against the order's sale transaction: never more than was paid and not yet refunded.
 */
export function processReturn(
  core: SimCore,
  shop: SimShop,
  input: {
    returnId: unknown;
    returnLineItems?:
      readonly { id: unknown; quantity: number; dispositions?: readonly DispositionInput[] | null }[] | null;
    refunds?: readonly RefundInput[] | null;
    exchangeLineItems?: readonly ExchangeProcessInput[] | null;
  },
): OpResult<SimReturn> {
  const ret = findReturn(shop, input.returnId);
  if (!ret) return fail('Return does not exist.', ['input', 'returnId'], 'NOT_FOUND');
  if (ret.status !== 'OPEN')
    return fail(
      `Return is ${ret.status.toLowerCase()}, only open returns can be processed.`,
      ['input', 'returnId'],
      'INVALID_STATE',
    );
  const lines = input.returnLineItems ?? [];
  const planned: { line: SimReturn['lineItems'][number]; quantity: number }[] = [];
  for (const [i, l] of lines.entries()) {
    const id = parseId(l.id, 'ReturnLineItem');
    const line = ret.lineItems.find((x) => x.id === id);
    if (!line)
      return fail('Return line item does not exist.', ['input', 'returnLineItems', String(i), 'id'], 'NOT_FOUND');
    if (!Number.isInteger(l.quantity) || l.quantity <= 0)
      return fail(
        'Quantity must be greater than 0.',
        ['input', 'returnLineItems', String(i), 'quantity'],
        'GREATER_THAN',
      );
    if (l.quantity > line.quantity - line.processedQuantity)
      return fail(
        'Quantity exceeds the unprocessed quantity.',
        ['input', 'returnLineItems', String(i), 'quantity'],
        'LESS_THAN_OR_EQUAL_TO',
      );
    planned.push({ line, quantity: l.quantity });
  }
  const exchanges = planExchangeProcessing(ret, input.exchangeLineItems ?? []);
  if (!exchanges.ok) return exchanges;
  const order = shop.orders.get(ret.orderId);
  const refunds = input.refunds ?? [];
  if (refunds.length > 0) {
    if (!order) return fail('Order does not exist.', ['input', 'returnId'], 'NOT_FOUND');
    if (order.financialStatus !== 'paid' && order.financialStatus !== 'partially_refunded')
      return fail('The order has no payment to refund.', ['input', 'financialTransfer'], 'INVALID');
    const refundable = orderTotals(shop, order).total - (order.refunds ?? []).reduce((s, r) => s + r.amountCents, 0);
    for (const [i, r] of refunds.entries()) {
      const field = ['input', 'financialTransfer', 'issueRefund', 'orderTransactions', String(i)];
      if (parseId(r.parentTransactionId, 'OrderTransaction') !== saleTransactionId(order))
        return fail('Parent transaction does not exist on this order.', [...field, 'parentId'], 'NOT_FOUND');
      if (!Number.isInteger(r.amountCents) || r.amountCents <= 0)
        return fail('Amount must be greater than 0.', [...field, 'transactionAmount'], 'GREATER_THAN');
    }
    const asked = refunds.reduce((s, r) => s + r.amountCents, 0);
    if (asked > refundable)
      return fail(
        `Refund amount exceeds the ${(refundable / 100).toFixed(2)} left to refund.`,
        ['input', 'financialTransfer'],
        'INVALID',
      );
  }
  const dispositions = lines.flatMap((l) => l.dispositions ?? []);
  if (dispositions.length > 0) {
    const d = dispose(core, shop, dispositions);
    if (!d.ok) return d;
  }
  for (const p of planned) {
    p.line.processedQuantity += p.quantity;
    if (refunds.length > 0) p.line.refundedQuantity = (p.line.refundedQuantity ?? 0) + p.quantity;
  }
  if (refunds.length > 0 && order) {
    const now = core.clock.now();
    for (const r of refunds) {
      const refund = {
        id: core.ids.next(),
        returnId: ret.id,
        amountCents: r.amountCents,
        parentTransactionId: saleTransactionId(order),
        createdAt: now,
      };
      (order.refunds ??= []).push(refund);
      core.events.emit(shop, 'refunds/create', () => refundPayload(shop, order, refund));
    }
    const refunded = order.refunds!.reduce((s, r) => s + r.amountCents, 0);
    order.financialStatus = refunded >= orderTotals(shop, order).total ? 'refunded' : 'partially_refunded';
    order.updatedAt = now;
    core.events.emit(shop, 'orders/updated', () => orderPayload(shop, order));
  }
  if (order) applyExchangeProcessing(core, shop, order, exchanges.value);
  ret.updatedAt = core.clock.now();
  core.events.emit(shop, 'returns/process', () => returnPayload(ret));
  return ok(ret);
}

/**
 * reverseDeliveryCreateWithShipping: the merchant's label and tracking for the parcel coming
 * back; an empty line list takes every line of the reverse fulfillment order.
 */
export function createReverseDelivery(
  core: SimCore,
  shop: SimShop,
  input: {
    reverseFulfillmentOrderId: unknown;
    reverseDeliveryLineItems: readonly { reverseFulfillmentOrderLineItemId: unknown; quantity: number }[];
    trackingInput?: { number?: string | null; url?: string | null; company?: string | null } | null;
    labelInput?: { fileUrl: string } | null;
  },
): OpResult<{ rfo: SimReverseFulfillmentOrder; delivery: SimReverseDelivery }> {
  const rfo = shop.reverseFulfillmentOrders.get(
    parseId(input.reverseFulfillmentOrderId, 'ReverseFulfillmentOrder') ?? -1,
  );
  if (!rfo) return fail('Reverse fulfillment order does not exist.', ['reverseFulfillmentOrderId'], 'NOT_FOUND');
  if (rfo.status !== 'OPEN')
    return fail('Reverse fulfillment order is not open.', ['reverseFulfillmentOrderId'], 'INVALID_STATE');
  const wanted =
    input.reverseDeliveryLineItems.length === 0
      ? rfo.lineItems.map((l) => ({ rfoLineItemId: l.id, quantity: l.totalQuantity }))
      : input.reverseDeliveryLineItems.map((l) => ({
          rfoLineItemId: parseId(l.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem') ?? -1,
          quantity: l.quantity,
        }));
  for (const [i, w] of wanted.entries()) {
    const line = rfo.lineItems.find((l) => l.id === w.rfoLineItemId);
    if (!line)
      return fail(
        'Reverse fulfillment order line item does not exist.',
        ['reverseDeliveryLineItems', String(i), 'reverseFulfillmentOrderLineItemId'],
        'NOT_FOUND',
      );
    if (!Number.isInteger(w.quantity) || w.quantity <= 0 || w.quantity > line.totalQuantity)
      return fail('Quantity is invalid.', ['reverseDeliveryLineItems', String(i), 'quantity'], 'INVALID');
  }
  if (input.labelInput && !/^https?:\/\//.test(input.labelInput.fileUrl))
    return fail('Label file URL is invalid.', ['labelInput', 'fileUrl'], 'INVALID');
  const delivery: SimReverseDelivery = {
    id: core.ids.next(),
    lines: wanted.map((w) => ({ id: core.ids.next(), rfoLineItemId: w.rfoLineItemId, quantity: w.quantity })),
    tracking: input.trackingInput
      ? {
          number: input.trackingInput.number ?? null,
          url: input.trackingInput.url ?? null,
          carrierName: input.trackingInput.company ?? null,
        }
      : null,
    labelUrl: input.labelInput?.fileUrl ?? null,
    createdAt: core.clock.now(),
  };
  (rfo.reverseDeliveries ??= []).push(delivery);
  return ok({ rfo, delivery });
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
