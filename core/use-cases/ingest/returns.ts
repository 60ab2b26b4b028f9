import type { OutboxRow } from '../../db/email-outbox-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import type { ReturnState } from '../../domain/returns/state-machine.js';
import {
  gid,
  restDisposeSchema,
  restRefundSchema,
  restReturnSchema,
} from '../../integrations/shopify/rest-payloads.js';
import { decideReturnEmail } from '../returns/enqueue-return-email.js';
import { recordReturnStep } from '../returns/timeline.js';
import type { FollowUp, TopicHandler } from './types.js';

/** Where Shopify's status moves our workflow, and from which states. */
const follow: Record<string, { to: ReturnState; from: ReturnState[] } | undefined> = {
  OPEN: { to: 'approved', from: ['requested'] },
  DECLINED: { to: 'declined', from: ['requested'] },
  CLOSED: { to: 'closed', from: ['approved', 'declined', 'graded', 'refunded'] },
};

/**
 * returns/*: keeps the return in step with Shopify. A return we created comes back linked to
 * our row (its webhook may beat the answer to our own mutation); one the merchant or customer
 * opened in Shopify gets a row, and the returns job reads its lines and applies the shop's rules.
 */
export const ingestReturn: TopicHandler = async (tx, shop, payload, event, ctx) => {
  const r = restReturnSchema.parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  const externalId = r.admin_graphql_api_id ?? gid('Return', r.id);
  const orderId =
    r.order?.admin_graphql_api_id ??
    (r.order?.id ? gid('Order', r.order.id) : r.order_id ? gid('Order', r.order_id) : null);
  const status = r.status.toUpperCase();

  const repo = createReturnsRepo(tx);
  const known = await repo.idByExternalId(shop.id, externalId);
  if (known === undefined && orderId) {
    const ours = await repo.lockOldestUnlinkedForOrder(shop.id, orderId);
    if (ours !== undefined) await repo.linkExternalId(ours, externalId);
  }

  const row = await repo.upsertFromShopify(shop.id, {
    externalId,
    orderExternalId: orderId,
    name: r.name ?? null,
    status,
    totalQuantity: r.total_return_line_items ?? 0,
    data: payload,
    sourceUpdatedAt: at,
    source: 'shopify',
    state: status === 'DECLINED' ? 'declined' : status === 'OPEN' ? 'approved' : 'requested',
  });
  if (!row) return { outcome: 'stale' };
  for (const l of r.return_line_items ?? []) {
    await repo.insertLineIfNew(shop.id, row.id, {
      externalId: l.admin_graphql_api_id ?? gid('ReturnLineItem', l.id),
      quantity: l.quantity,
      reason: l.return_reason ?? null,
      lineItemExternalId: l.fulfillment_line_item?.line_item?.id
        ? gid('LineItem', l.fulfillment_line_item.line_item.id)
        : null,
      sku: l.fulfillment_line_item?.line_item?.sku ?? null,
    });
  }
  const f = follow[status];
  const emails: OutboxRow[] = [];
  if (f && row.rma && f.from.includes(row.state as ReturnState)) {
    const stamp =
      f.to === 'approved' ? { approvedAt: at } : f.to === 'declined' ? { declinedAt: at } : { closedAt: at };
    const moved = await repo.followShopify(row.id, f.from, f.to, stamp);
    if (moved) {
      await recordReturnStep(tx, moved, `return_${f.to}`, 'shopify', { topic: event.topic });
      if (f.to === 'approved' || f.to === 'declined')
        emails.push(...(await decideReturnEmail(ctx.email, tx, shop.id, row.id, `return_${f.to}`)));
    }
  }
  const followUps: FollowUp[] = [
    { queue: 'returns', payload: { shopId: shop.id, returnId: row.id }, jobId: `return-${row.id}-inbox-${event.id}` },
  ];
  for (const e of emails.filter((x) => x.status === 'pending'))
    followUps.push({ queue: 'email', payload: { shopId: shop.id, outboxId: e.id }, jobId: `email-${e.id}` });
  return { outcome: 'applied', followUps };
};

/**
 * refunds/create: a refund that settles one of our returns. Made by our own sync (its echo) or by
 * the merchant in Shopify's admin, it is the refund: a graded return becomes refunded; a return
 * not graded yet keeps the refund, which the grading then honours, so the sync never refunds it
 * a second time. Either way the customer hears of it once, when the money moves.
 */
export const ingestRefund: TopicHandler = async (tx, shop, payload, event, ctx) => {
  const refund = restRefundSchema.parse(payload);
  if (!refund.return) return { outcome: 'no return' };
  const repo = createReturnsRepo(tx);
  const id = await repo.idByExternalId(shop.id, refund.return.admin_graphql_api_id ?? gid('Return', refund.return.id));
  const r = id === undefined ? undefined : await repo.lock(shop.id, id);
  if (!r) return { outcome: 'unknown return' };
  if (r.refundedAt) return { outcome: 'already refunded' };
  const at = event.triggeredAt ?? event.receivedAt;
  const cents = (refund.transactions ?? [])
    .filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')
    .reduce((s, t) => s + Math.round(Number(t.amount) * 100), 0);
  const amount = (cents / 100).toFixed(2);
  const step = { topic: event.topic, refund: refund.admin_graphql_api_id ?? gid('Refund', refund.id), amount };
  let outcome = 'refunded';
  if (r.state !== 'graded') {
    await repo.update(shop.id, r.id, { refundedAt: at, refundAmount: amount });
    await recordReturnStep(tx, r, 'refunded_in_shopify', 'shopify', step);
    outcome = 'refund kept until grading';
  } else {
    const moved = await repo.move(shop.id, r.id, ['graded'], 'refunded', { refundedAt: at, refundAmount: amount });
    if (!moved) return { outcome: 'stale' };
    await recordReturnStep(tx, r, 'return_refunded', 'shopify', step);
  }
  // the money went back now: the customer hears of it now, once, whether or not the parcel is graded yet
  const emails = cents > 0 ? await decideReturnEmail(ctx.email, tx, shop.id, r.id, 'return_refunded') : [];
  return {
    outcome,
    followUps: emails
      .filter((e) => e.status === 'pending')
      .map((e) => ({ queue: 'email' as const, payload: { shopId: shop.id, outboxId: e.id }, jobId: `email-${e.id}` })),
  };
};

/**
 * reverse_fulfillment_orders/dispose: units restocked or disposed in Shopify, by our sync (its
 * echo) or by the merchant. The payload names only the dispositions just made, so the return's
 * sync reads Shopify's totals and keeps each line's disposed count equal to them.
 */
export const ingestDisposal: TopicHandler = async (tx, shop, payload) => {
  const d = restDisposeSchema.parse(payload);
  const lineIds = d.dispositions.map(
    (x) =>
      x.reverse_fulfillment_order_line_item.admin_graphql_api_id ??
      gid('ReverseFulfillmentOrderLineItem', x.reverse_fulfillment_order_line_item.id),
  );
  const ids = await createReturnsRepo(tx).idsByRfoLines(shop.id, [...new Set(lineIds)]);
  if (ids.length === 0) return { outcome: 'unknown return' };
  return {
    outcome: 'sync queued',
    followUps: ids.map((id) => ({
      queue: 'returns' as const,
      payload: { shopId: shop.id, returnId: id },
      jobId: `return-${id}-dispose-${d.id}-${Date.now()}`,
    })),
  };
};
