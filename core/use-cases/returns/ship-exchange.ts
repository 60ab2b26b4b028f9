import { createAuditRepo } from '../../db/audit-repo.js';
import { createExchangeOrdersRepo } from '../../db/exchange-orders-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo, type ReturnWithLines } from '../../db/returns-repo.js';
import { assertNoUserErrors, ShopifyUserError } from '../../integrations/shopify/graphql.js';
import {
  RETURN_PROCESS,
  type ReturnProcessResult,
  type ShopifyReturn,
} from '../../integrations/shopify/operations/returns.js';
import { enqueueRouting } from '../../queue/producers.js';
import { unitsBack } from './decide-return.js';
import { exchangeLines, type Gql } from './sync-return-steps.js';
import type { SyncReturnDeps } from './sync-return.js';
import { recordReturnStep } from './timeline.js';

/** States in which the warehouse has accounted for every unit of the return. */
const graded = new Set(['graded', 'refunded', 'closed']);

/**
 * The exchange ships once the warehouse has graded the whole return, for the units that came
 * back (any grade but missing): the customer gets new goods for goods we hold, not for a parcel
 * announced or half received, and one moment per return keeps it to one exchange order. A
 * damaged unit still counts (it came back; whether its damage is the customer's doing is the
 * merchant's call, who can cancel the exchange order like any order).
 *
 * In Shopify, returnProcess adds the exchanged variants to the returned order as new line items
 * with their own fulfillment orders. Here they become a new order, linked to the return, that
 * holds those line items (`channel_order_external_id` names the Shopify order) and is routed,
 * dispatched and fulfilled like any other. Created once: the return's `exchange_order_id` under
 * the return's lock, and the order's unique external id; Shopify's processed count keeps a
 * repeated sync from processing twice.
 */
export async function shipExchange(
  deps: SyncReturnDeps,
  gql: Gql,
  r: ReturnWithLines,
  remote: ShopifyReturn,
  now: Date,
): Promise<number | null> {
  if (r.exchangeOrderId || !graded.has(r.state) || !r.orderId) return null;
  const due = exchangeLines(r)
    .map((l) => ({ line: l, units: Math.min(l.exchangeQuantity, unitsBack(l)) }))
    .filter((d) => d.units > 0);
  if (due.length === 0) return null;

  const nodeOf = (s: ShopifyReturn, id: string | null) => s.exchangeLineItems.nodes.find((n) => n.id === id);
  const toProcess: { id: string; quantity: number }[] = [];
  for (const d of due) {
    const n = nodeOf(remote, d.line.exchangeExternalId);
    if (!n)
      throw new ShopifyUserError('returnProcess', [
        { message: `the exchange for ${d.line.exchangeSku} is not on Shopify's return`, code: 'NOT_FOUND' },
      ]);
    if (n.processedQuantity < d.units) toProcess.push({ id: n.id, quantity: d.units - n.processedQuantity });
  }
  let state = remote;
  if (toProcess.length) {
    const res = await gql<ReturnProcessResult>(RETURN_PROCESS, {
      input: { returnId: remote.id, exchangeLineItems: toProcess, notifyCustomer: false },
    });
    state = assertNoUserErrors('returnProcess', res.returnProcess).return!;
  }
  const lines = due.flatMap((d) =>
    (nodeOf(state, d.line.exchangeExternalId)?.lineItems ?? []).map((li) => ({
      externalId: li.id,
      sku: li.sku ?? d.line.exchangeSku,
      variantExternalId: li.variant?.id ?? d.line.exchangeVariantExternalId,
      title: li.name || d.line.exchangeTitle || '',
      quantity: li.quantity,
      currentQuantity: li.quantity,
      // the value handed over in exchange: the unit it replaces
      unitPrice: d.line.unitPrice,
    })),
  );
  if (lines.length === 0)
    throw new ShopifyUserError('returnProcess', [
      { message: 'Shopify added no line item for the exchange', code: 'NO_LINE_ITEMS' },
    ]);

  const created = await deps.db.transaction(async (tx) => {
    const repo = createReturnsRepo(tx);
    const locked = await repo.lock(r.shopId, r.id);
    if (!locked || locked.exchangeOrderId) return null;
    const orders = createOrdersRepo(tx);
    const parent = await orders.get(r.shopId, r.orderId!);
    if (!parent) return null;
    await lockKey(tx, `order:${r.shopId}:${parent.externalId}`);
    const total = lines.reduce((s, l) => s + Math.round(Number(l.unitPrice) * 100) * l.quantity, 0);
    const { order, created: isNew } = await createExchangeOrdersRepo(tx).insertOnce(
      r.shopId,
      parent,
      {
        externalId: `${parent.externalId}/exchange/${r.rma ?? r.id}`,
        name: `${parent.name}-${r.rma ?? r.id}`,
        email: parent.email,
        customerExternalId: parent.customerExternalId,
        customerLocale: parent.customerLocale,
        // paid by the units that came back: routing must not hold it for payment
        financialStatus: 'PAID',
        currency: parent.currency,
        totalPrice: (total / 100).toFixed(2),
        tags: [...parent.tags, 'exchange'],
        shippingAddress: parent.shippingAddress,
        countryCode: parent.countryCode,
        zip: parent.zip,
        latitude: parent.latitude,
        longitude: parent.longitude,
        shippingRateCode: parent.shippingRateCode,
        shippingRateTitle: parent.shippingRateTitle,
        placedAt: now,
        sourceUpdatedAt: now,
        status: 'pending',
      },
      lines,
    );
    await repo.update(r.shopId, r.id, { exchangeOrderId: order.id });
    const step = {
      exchangeOrderId: order.id,
      exchangeOrderName: order.name,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    };
    await recordReturnStep(tx, r, 'exchange_order_created', 'rules', step);
    if (isNew)
      await createAuditRepo(tx).record(r.shopId, 'order', String(order.id), 'exchange_created', 'rules', {
        returnId: r.id,
        rma: r.rma,
        parentOrderId: parent.id,
        ...step,
      });
    return order.id;
  });
  if (created !== null) await enqueueRouting(deps.queues, { shopId: r.shopId, orderId: created, reason: 'exchange' });
  return created;
}
