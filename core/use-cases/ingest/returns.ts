import type { OutboxRow } from '../../db/email-outbox-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import type { ReturnState } from '../../domain/returns/state-machine.js';
import { gid, restReturnSchema } from '../../integrations/shopify/rest-payloads.js';
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
  const orderId = r.order?.admin_graphql_api_id ?? (r.order?.id ? gid('Order', r.order.id) : r.order_id ? gid('Order', r.order_id) : null);
  const status = r.status.toUpperCase();

  const repo = createReturnsRepo(tx);
  const known = await repo.idByExternalId(shop.id, externalId);
  if (known === undefined && orderId) {
    const ours = await repo.lockOldestUnlinkedForOrder(shop.id, orderId);
    if (ours !== undefined) await repo.linkExternalId(ours, externalId);
  }

  const row = await repo.upsertFromShopify(shop.id, {
    externalId, orderExternalId: orderId, name: r.name ?? null, status, totalQuantity: r.total_return_line_items ?? 0, data: payload, sourceUpdatedAt: at, source: 'shopify',
    state: status === 'DECLINED' ? 'declined' : status === 'OPEN' ? 'approved' : 'requested',
  });
  if (!row) return { outcome: 'stale' };
  for (const l of r.return_line_items ?? []) {
    await repo.insertLineIfNew(shop.id, row.id, {
      externalId: l.admin_graphql_api_id ?? gid('ReturnLineItem', l.id), quantity: l.quantity, reason: l.return_reason ?? null,
      lineItemExternalId: l.fulfillment_line_item?.line_item?.id ? gid('LineItem', l.fulfillment_line_item.line_item.id) : null, sku: l.fulfillment_line_item?.line_item?.sku ?? null,
    });
  }
  const f = follow[status];
  const emails: OutboxRow[] = [];
  if (f && row.rma && f.from.includes(row.state as ReturnState)) {
    const stamp = f.to === 'approved' ? { approvedAt: at } : f.to === 'declined' ? { declinedAt: at } : { closedAt: at };
    const moved = await repo.followShopify(row.id, f.from, f.to, stamp);
    if (moved) {
      await recordReturnStep(tx, moved, `return_${f.to}`, 'shopify', { topic: event.topic });
      if (f.to === 'approved' || f.to === 'declined') emails.push(...await decideReturnEmail(ctx.email, tx, shop.id, row.id, `return_${f.to}`));
    }
  }
  const followUps: FollowUp[] = [{ queue: 'returns', payload: { shopId: shop.id, returnId: row.id }, jobId: `return-${row.id}-inbox-${event.id}` }];
  for (const e of emails.filter((x) => x.status === 'pending')) followUps.push({ queue: 'email', payload: { shopId: shop.id, outboxId: e.id }, jobId: `email-${e.id}` });
  return { outcome: 'applied', followUps };
};
