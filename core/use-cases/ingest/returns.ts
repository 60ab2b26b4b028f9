import { sql } from 'drizzle-orm';
import { returnLines, returns } from '../../../drizzle/schema/index.js';
import { gid, restReturnSchema } from '../../integrations/shopify/rest-payloads.js';
import type { TopicHandler } from './types.js';

/** returns/*: mirror the return and its lines; the returns workflow builds on this. */
export const ingestReturn: TopicHandler = async (tx, shop, payload, event) => {
  const r = restReturnSchema.parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  const orderId = r.order?.admin_graphql_api_id ?? (r.order?.id ? gid('Order', r.order.id) : r.order_id ? gid('Order', r.order_id) : null);
  const [row] = await tx
    .insert(returns)
    .values({ shopId: shop.id, externalId: r.admin_graphql_api_id ?? gid('Return', r.id), orderExternalId: orderId, name: r.name ?? null, status: r.status.toUpperCase(), totalQuantity: r.total_return_line_items ?? 0, data: payload, sourceUpdatedAt: at })
    .onConflictDoUpdate({
      target: [returns.shopId, returns.channel, returns.externalId],
      set: { status: sql`excluded.status`, orderExternalId: sql`coalesce(excluded.order_external_id, ${returns.orderExternalId})`, name: sql`coalesce(excluded.name, ${returns.name})`, sourceUpdatedAt: sql`excluded.source_updated_at`, updatedAt: sql`now()` },
      setWhere: sql`${returns.sourceUpdatedAt} is null or ${returns.sourceUpdatedAt} <= excluded.source_updated_at`,
    })
    .returning({ id: returns.id });
  if (!row) return { outcome: 'stale' };
  for (const l of r.return_line_items ?? []) {
    await tx
      .insert(returnLines)
      .values({ shopId: shop.id, returnId: row.id, externalId: l.admin_graphql_api_id ?? gid('ReturnLineItem', l.id), quantity: l.quantity, reason: l.return_reason ?? null,
        lineItemExternalId: l.fulfillment_line_item?.line_item?.id ? gid('LineItem', l.fulfillment_line_item.line_item.id) : null, sku: l.fulfillment_line_item?.line_item?.sku ?? null })
      .onConflictDoUpdate({ target: [returnLines.returnId, returnLines.externalId], set: { quantity: sql`excluded.quantity` } });
  }
  return { outcome: 'applied' };
};
