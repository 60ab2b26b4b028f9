import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { saleTransactionId } from '../state/returns-state.js';
import { orderTotals } from '../state/order-status.js';
import type { SimReturn, SimShop } from '../state/types.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { refundPayload } from '../webhooks/payloads/refund-payload.js';
import { returnPayload } from '../webhooks/payloads/return-payload.js';
import { fail, ok, type OpResult } from './result.js';
import { dispose, type DispositionInput } from './return-dispositions.js';
import { applyExchangeProcessing, planExchangeProcessing, type ExchangeProcessInput } from './return-exchanges.js';
import { findReturn } from './returns.js';

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
