import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import type { Logger } from '../../logger.js';

/**
 * The `cancel_after_days` backorder policy, acted on: units still missing when their deadline
 * passes are cancelled, once. Each order is taken under the same lock routing takes, so a
 * routing that just found stock for a line and a cancellation of that line never both happen;
 * only the rows this call moved from open to cancelled are recorded on the order's timeline.
 * An order left with nothing to ship (no live allocation) is cancelled in the app; one with
 * allocations goes back to `routed`. Refunding the units in Shopify stays with the merchant,
 * as the timeline entry says.
 */
export async function expireBackorders(
  deps: { db: Db; log: Logger },
  input: { now?: Date; limit?: number } = {},
): Promise<{ expiredOrders: number; expiredUnits: number }> {
  const now = input.now ?? new Date();
  const due = await createAllocationsRepo(deps.db).ordersWithDueBackorders(now, input.limit ?? 200);
  let expiredOrders = 0;
  let expiredUnits = 0;
  for (const { shopId, orderId } of due) {
    const units = await deps.db.transaction(async (tx) => {
      const ordersRepo = createOrdersRepo(tx);
      const pre = await ordersRepo.get(shopId, orderId);
      if (!pre) return 0;
      await lockKey(tx, `order:${shopId}:${pre.externalId}`);
      const order = (await ordersRepo.get(shopId, orderId))!;
      const allocationsRepo = createAllocationsRepo(tx);
      const cancelled = await allocationsRepo.cancelDueBackorders(shopId, orderId, now);
      if (cancelled.length === 0) return 0;
      const stillOpen = (await allocationsRepo.openBackorders(shopId, orderId)).length > 0;
      const live = (await allocationsRepo.coveredByLine(shopId, orderId)).size > 0;
      const status = stillOpen ? order.status : live ? 'routed' : 'cancelled';
      if (order.status === 'backordered' && status !== order.status)
        await ordersRepo.setStatus(shopId, orderId, status, { at: now });
      const quantity = cancelled.reduce((n, b) => n + b.quantity, 0);
      await createAuditRepo(tx).record(shopId, 'order', String(orderId), 'backorder_cancelled', 'routing', {
        policy: 'cancel_after_days',
        units: quantity,
        lines: cancelled.map((b) => ({
          orderLineId: b.orderLineId,
          sku: b.sku,
          quantity: b.quantity,
          cancelAt: b.cancelAt?.toISOString() ?? null,
        })),
        orderStatus: order.status === 'backordered' ? status : order.status,
        refundInShopify: true,
      });
      return quantity;
    });
    if (units > 0) {
      expiredOrders++;
      expiredUnits += units;
    }
  }
  if (expiredOrders)
    deps.log.info({ expiredOrders, expiredUnits }, 'backorders past their cancel_after_days deadline cancelled');
  return { expiredOrders, expiredUnits };
}
