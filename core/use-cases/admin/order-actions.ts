import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueRouting } from '../../queue/producers.js';
import { cancelOrderAllocations } from '../routing/cancel-order-allocations.js';

export interface OrderActionDeps {
  db: Db;
  queues: Queues;
}

/** Puts an order on hold: routing leaves it alone, allocations not yet taken by a 3PL are withdrawn. */
export async function holdOrder(
  deps: OrderActionDeps,
  input: { shopId: number; orderId: number; reason: string; actor: string },
) {
  return deps.db.transaction(async (tx) => {
    const order = await createOrdersRepo(tx).get(input.shopId, input.orderId);
    if (!order) throw new NotFoundError('order');
    await lockKey(tx, `order:${input.shopId}:${order.externalId}`);
    if (['cancelled', 'shipped', 'delivered', 'fulfilled_elsewhere'].includes(order.status))
      throw new ConflictError(`order is ${order.status}`);
    const out = await cancelOrderAllocations(tx, input.shopId, order.id, input.actor, { onlyUntaken: true });
    await createOrdersRepo(tx).setStatus(input.shopId, order.id, 'on_hold', { onHoldReason: input.reason });
    await createAuditRepo(tx).record(input.shopId, 'order', String(order.id), 'held', input.actor, {
      reason: input.reason,
      withdrawn: out.cancelled.map((a) => a.id),
    });
    return { status: 'on_hold' as const, withdrawn: out.cancelled.length };
  });
}

/** Releases a hold and routes the order. */
export async function releaseOrder(deps: OrderActionDeps, input: { shopId: number; orderId: number; actor: string }) {
  const order = await createOrdersRepo(deps.db).get(input.shopId, input.orderId);
  if (!order) throw new NotFoundError('order');
  if (order.status !== 'on_hold') throw new ConflictError(`order is ${order.status}, not on hold`);
  await createOrdersRepo(deps.db).setStatus(input.shopId, order.id, 'pending', { onHoldReason: null });
  await createAuditRepo(deps.db).record(input.shopId, 'order', String(order.id), 'released', input.actor);
  await enqueueRouting(deps.queues, { shopId: input.shopId, orderId: order.id, reason: 'released' });
  return { status: 'pending' as const };
}

/** Routes again what is not yet with a 3PL; `fresh` first withdraws untaken allocations so the rules can choose anew. */
export async function rerouteOrders(
  deps: OrderActionDeps,
  input: { shopId: number; orderIds: number[]; fresh: boolean; actor: string },
) {
  let queued = 0;
  for (const orderId of input.orderIds) {
    const order = await createOrdersRepo(deps.db).get(input.shopId, orderId);
    if (!order) throw new NotFoundError(`order ${orderId}`);
    if (input.fresh) {
      await deps.db.transaction(async (tx) => {
        await lockKey(tx, `order:${input.shopId}:${order.externalId}`);
        await cancelOrderAllocations(tx, input.shopId, order.id, input.actor, { onlyUntaken: true });
      });
    }
    await createAuditRepo(deps.db).record(input.shopId, 'order', String(order.id), 'reroute_requested', input.actor, {
      fresh: input.fresh,
    });
    await enqueueRouting(deps.queues, { shopId: input.shopId, orderId: order.id, reason: 'manual_reroute' });
    queued++;
  }
  return { queued };
}

/** Asks the 3PLs holding the order to stop: untaken allocations go at once, taken ones get a cancellation request. */
export async function cancelAtWarehouses(
  deps: OrderActionDeps,
  input: { shopId: number; orderId: number; actor: string },
) {
  return deps.db.transaction(async (tx) => {
    const order = await createOrdersRepo(tx).get(input.shopId, input.orderId);
    if (!order) throw new NotFoundError('order');
    await lockKey(tx, `order:${input.shopId}:${order.externalId}`);
    const out = await cancelOrderAllocations(tx, input.shopId, order.id, input.actor);
    if (!order.cancelledAt)
      await createOrdersRepo(tx).setStatus(input.shopId, order.id, 'on_hold', { onHoldReason: 'cancelled_at_3pl' });
    return { cancelled: out.cancelled.length, requested: out.requested.length, alreadyShipped: out.shipped.length };
  });
}
