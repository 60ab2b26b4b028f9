import { createReturnsRepo } from '../../db/returns-repo.js';
import { gid, restReturnSchema } from '../../integrations/shopify/rest-payloads.js';
import type { TopicHandler } from './types.js';

/** returns/*: mirror the return and its lines; the returns workflow builds on this. */
export const ingestReturn: TopicHandler = async (tx, shop, payload, event) => {
  const r = restReturnSchema.parse(payload);
  const at = event.triggeredAt ?? event.receivedAt;
  const orderId = r.order?.admin_graphql_api_id ?? (r.order?.id ? gid('Order', r.order.id) : r.order_id ? gid('Order', r.order_id) : null);
  const repo = createReturnsRepo(tx);
  const returnId = await repo.upsertFromChannel(shop.id, {
    externalId: r.admin_graphql_api_id ?? gid('Return', r.id), orderExternalId: orderId, name: r.name ?? null, status: r.status.toUpperCase(), totalQuantity: r.total_return_line_items ?? 0, data: payload,
  }, at);
  if (returnId === null) return { outcome: 'stale' };
  for (const l of r.return_line_items ?? []) {
    await repo.upsertLine(shop.id, returnId, {
      externalId: l.admin_graphql_api_id ?? gid('ReturnLineItem', l.id), quantity: l.quantity, reason: l.return_reason ?? null,
      lineItemExternalId: l.fulfillment_line_item?.line_item?.id ? gid('LineItem', l.fulfillment_line_item.line_item.id) : null, sku: l.fulfillment_line_item?.line_item?.sku ?? null,
    });
  }
  return { outcome: 'applied' };
};
