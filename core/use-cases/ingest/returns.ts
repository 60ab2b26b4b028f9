import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { returnLines, returns } from '../../../drizzle/schema/index.js';
import type { ReturnState } from '../../domain/returns/state-machine.js';
import { gid, restReturnSchema } from '../../integrations/shopify/rest-payloads.js';
import { recordReturnStep } from '../returns/timeline.js';
import type { TopicHandler } from './types.js';

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
export const ingestReturn: TopicHandler = async (tx, shop, payload, event) => {
  const r = restReturnSchema.parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  const externalId = r.admin_graphql_api_id ?? gid('Return', r.id);
  const orderId = r.order?.admin_graphql_api_id ?? (r.order?.id ? gid('Order', r.order.id) : r.order_id ? gid('Order', r.order_id) : null);
  const status = r.status.toUpperCase();

  const [known] = await tx.select({ id: returns.id }).from(returns).where(and(eq(returns.shopId, shop.id), eq(returns.channel, 'shopify'), eq(returns.externalId, externalId)));
  if (!known && orderId) {
    const [ours] = await tx.select({ id: returns.id }).from(returns)
      .where(and(eq(returns.shopId, shop.id), eq(returns.orderExternalId, orderId), isNull(returns.externalId), inArray(returns.source, ['merchant', 'customer'])))
      .orderBy(returns.id).limit(1).for('update');
    if (ours) await tx.update(returns).set({ externalId }).where(eq(returns.id, ours.id));
  }

  const [row] = await tx
    .insert(returns)
    .values({ shopId: shop.id, externalId, orderExternalId: orderId, name: r.name ?? null, status, totalQuantity: r.total_return_line_items ?? 0, data: payload, sourceUpdatedAt: at, source: 'shopify', state: status === 'DECLINED' ? 'declined' : status === 'OPEN' ? 'approved' : 'requested' })
    .onConflictDoUpdate({
      target: [returns.shopId, returns.channel, returns.externalId],
      set: { status: sql`excluded.status`, orderExternalId: sql`coalesce(excluded.order_external_id, ${returns.orderExternalId})`, name: sql`coalesce(excluded.name, ${returns.name})`, sourceUpdatedAt: sql`excluded.source_updated_at`, data: sql`excluded.data`, updatedAt: sql`now()` },
      setWhere: sql`${returns.sourceUpdatedAt} is null or ${returns.sourceUpdatedAt} <= excluded.source_updated_at`,
    })
    .returning();
  if (!row) return { outcome: 'stale' };
  for (const l of r.return_line_items ?? []) {
    await tx
      .insert(returnLines)
      .values({ shopId: shop.id, returnId: row.id, externalId: l.admin_graphql_api_id ?? gid('ReturnLineItem', l.id), quantity: l.quantity, reason: l.return_reason ?? null,
        lineItemExternalId: l.fulfillment_line_item?.line_item?.id ? gid('LineItem', l.fulfillment_line_item.line_item.id) : null, sku: l.fulfillment_line_item?.line_item?.sku ?? null })
      .onConflictDoNothing();
  }
  const f = follow[status];
  if (f && row.rma && f.from.includes(row.state as ReturnState)) {
    const stamp = f.to === 'approved' ? { approvedAt: at } : f.to === 'declined' ? { declinedAt: at } : { closedAt: at };
    const [moved] = await tx.update(returns).set({ state: f.to, ...stamp }).where(and(eq(returns.id, row.id), inArray(returns.state, f.from))).returning();
    if (moved) await recordReturnStep(tx, moved, `return_${f.to}`, 'shopify', { topic: event.topic });
  }
  return { outcome: 'applied', followUps: [{ queue: 'returns', payload: { shopId: shop.id, returnId: row.id }, jobId: `return-${row.id}-inbox-${event.id}` }] };
};
