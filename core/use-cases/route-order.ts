import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { createAllocationsRepo } from '../db/allocations-repo.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { lockKeysAhead, orderLockKey } from '../db/locks.js';
import { createOrdersRepo } from '../db/orders-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { loadRoutingConfig } from '../db/routing-config.js';
import { writePlacement } from '../db/routing-placement-write.js';
import { loadRoutingSnapshot } from '../db/routing-snapshot-queries.js';
import { planRoute } from '../domain/routing/index.js';
import { NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueDispatch, enqueueStockJobs } from '../queue/producers.js';
import { cancelOrderAllocations } from './routing/cancel-order-allocations.js';
import { nextShipDays, toCandidates } from './routing/candidates.js';
import { toRoutingOrder } from './routing/to-routing-input.js';

export interface RouteDeps {
  db: Db;
  queues: Queues;
  log: Logger;
  now?: () => Date;
  /**
   * Hands a new allocation of a feed warehouse over within the routing run, answering whether it
   * did; one it did not (or that failed), and any other, gets its dispatch job. Without it, every
   * allocation gets a job.
   */
  handOver?: (shopId: number, allocationId: number) => Promise<boolean>;
}

export type RouteResult =
  | {
      status: 'routed';
      allocationIds: number[];
      /** those whose warehouse the 3PL lists from the feed, as the routing config read it */
      feedAllocationIds: number[];
      backordered: number;
    }
  | { status: 'backordered'; backordered: number }
  | { status: 'cancelled'; cancelled: number; requested: number }
  | { status: 'skipped'; reason: string };

/** Financial states in which goods may leave (authorised payments are captured at shipping). */
const PAYABLE = new Set(['PAID', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'AUTHORIZED']);
const SETTLED = new Set(['shipped', 'delivered', 'fulfilled_elsewhere']);

class StockMoved extends Error {}

/**
 * Routes what is left of an order: plans with the shop's rules, then in one transaction
 * reserves the stock (conditionally, so a concurrent routing cannot oversell), stores the
 * allocations with their trace and the backorders. A lost race re-plans from fresh stock.
 */
export async function routeOrder(
  deps: RouteDeps,
  input: { shopId: number; orderId: number; reason: string; orderRef?: string },
): Promise<RouteResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await routeOnce(deps, input);
      if (result.status === 'routed' || result.status === 'cancelled')
        await enqueueStockJobs(deps.queues, input.shopId);
      if (result.status === 'routed') {
        for (const allocationId of result.allocationIds) {
          const feed = result.feedAllocationIds.includes(allocationId);
          if (feed && deps.handOver && (await deps.handOver(input.shopId, allocationId))) continue;
          await enqueueDispatch(deps.queues, { shopId: input.shopId, allocationId });
        }
      }
      return result;
    } catch (e) {
      // a lost race for stock, or Postgres breaking a lock cycle: plan again from fresh stock
      const retriable =
        e instanceof StockMoved ||
        (e as { cause?: { code?: string } }).cause?.code === '40P01' ||
        (e as { code?: string }).code === '40P01';
      if (retriable && attempt < 8) continue;
      throw e;
    }
  }
}

async function routeOnce(
  deps: RouteDeps,
  input: { shopId: number; orderId: number; reason: string; orderRef?: string },
): Promise<RouteResult> {
  const now = deps.now?.() ?? new Date();
  // read before the transaction: inside it, a second connection could wait on a full pool
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const config = await loadRoutingConfig(deps.db, input.shopId);
  const shipDays = nextShipDays(config.warehouses, now);
  return deps.db.transaction(async (tx) => {
    const ordersRepo = createOrdersRepo(tx);
    const read = () => loadRoutingSnapshot(tx, input.shopId, input.orderId, shipDays);
    const lockThenRead = async (ref: string) => {
      await lockKeysAhead(tx, [orderLockKey(input.shopId, ref)]);
      return read();
    };
    // the order's lock is named by its channel id: taken first when the job carries it, else
    // after a first read (an id that does not match is read again under the right lock)
    let snapshot = input.orderRef ? await lockThenRead(input.orderRef) : undefined;
    if (!snapshot?.order || snapshot.order.externalId !== input.orderRef) {
      const ref = snapshot?.order?.externalId ?? (await ordersRepo.get(input.shopId, input.orderId))?.externalId;
      if (ref === undefined) throw new NotFoundError(`order ${input.orderId}`);
      snapshot = await lockThenRead(ref);
    }
    const order = snapshot.order;
    if (!order) throw new NotFoundError(`order ${input.orderId}`);
    const audit = createAuditRepo(tx);

    if (order.cancelledAt) {
      const out = await cancelOrderAllocations(tx, input.shopId, order.id, 'routing');
      return { status: 'cancelled' as const, cancelled: out.cancelled.length, requested: out.requested.length };
    }
    if (SETTLED.has(order.status)) return { status: 'skipped' as const, reason: `order is ${order.status}` };
    if (order.onHoldReason && order.onHoldReason !== 'awaiting_payment')
      return { status: 'skipped' as const, reason: `on hold: ${order.onHoldReason}` };

    if (!shop.settings.routeUnpaidOrders && !PAYABLE.has(order.financialStatus ?? '')) {
      if (order.status !== 'on_hold') {
        await ordersRepo.setStatus(input.shopId, order.id, 'on_hold', { onHoldReason: 'awaiting_payment', at: now });
        await audit.record(input.shopId, 'order', String(order.id), 'held', 'routing', {
          reason: 'awaiting_payment',
          financialStatus: order.financialStatus,
        });
      }
      return { status: 'skipped' as const, reason: 'awaiting payment' };
    }

    const allocationsRepo = createAllocationsRepo(tx);
    const lines = snapshot.lines;
    if (lines.some((l) => (snapshot!.history.covered.get(l.id) ?? 0) > l.currentQuantity)) {
      // an edit removed units that are allocated: take back what no 3PL has started, then re-plan
      // from what that left (allocations, stock and capacity read again)
      await cancelOrderAllocations(tx, input.shopId, order.id, 'order_edit', { onlyUntaken: true });
      snapshot = await read();
    }
    const { history } = snapshot;
    const covered = history.covered;
    // units the backorder policy cancelled (cancel_after_days) are not to route again
    const given = history.given;
    const remaining = lines
      .filter((l) => l.requiresShipping)
      .map((line) => ({
        line,
        quantity: Math.max(0, line.currentQuantity - (covered.get(line.id) ?? 0) - (given.get(line.id) ?? 0)),
      }));
    const routingOrder = toRoutingOrder(order, remaining);
    if (routingOrder.lines.length === 0) {
      const status = covered.size > 0 ? 'routed' : order.status;
      if (order.status !== status || order.onHoldReason)
        await ordersRepo.setStatus(input.shopId, order.id, status, { onHoldReason: null, at: now });
      if (history.openBackorders) await allocationsRepo.closeBackorders(input.shopId, order.id, 'resolved');
      return { status: 'skipped' as const, reason: 'nothing left to route' };
    }

    const rejectedBy = new Set([...history.rejectedBy].map(String));
    const candidates = toCandidates(config.warehouses, snapshot, [...new Set(routingOrder.lines.map((l) => l.sku))]);
    // the checkout's shipping rate, as a service level some warehouse offers, and its promised date
    const plan = planRoute(
      toRoutingOrder(order, remaining, candidates.warehouses),
      candidates.warehouses.filter((w) => !rejectedBy.has(w.id)),
      config.rules,
      now,
    );

    const attempt = history.nextAttempt;
    const backorderedUnits = plan.backorders.reduce((n, b) => n + b.quantity, 0);
    const written = await writePlacement(tx, input.shopId, {
      orderId: order.id,
      attempt,
      trace: plan.trace,
      allocations: plan.allocations.map((a) => {
        const w = candidates.rows.get(a.warehouseId)!;
        return {
          warehouseId: w.id,
          promisedShipBy: new Date(a.promise.shipBy),
          promisedDeliveryBy: new Date(`${a.promise.deliverBy}T18:00:00Z`),
          shipDate: a.promise.shipDate,
          serviceLevel: a.promise.serviceLevel,
          cost: a.cost === null ? null : a.cost.toFixed(2),
          distanceKm: a.distanceKm,
          locationExternalId: w.locationExternalId,
          idempotencyKey: randomUUID(),
          lines: a.lines.map((l) => ({
            orderLineId: Number(l.lineId),
            skuId: candidates.skuIdByCode.get(l.sku)!,
            quantity: l.quantity,
          })),
        };
      }),
      backorders: plan.backorders.map((b) => ({
        orderLineId: Number(b.lineId),
        sku: b.sku,
        quantity: b.quantity,
        outcome: b.outcome.kind,
        cancelAt: b.outcome.kind === 'cancel_at' ? new Date(b.outcome.cancelAt) : null,
      })),
      resolveOtherBackorders: history.openBackorders,
      status: backorderedUnits > 0 ? 'backordered' : 'routed',
      at: now,
      audit: {
        actor: 'routing',
        data: {
          reason: input.reason,
          attempt,
          backordered: plan.backorders,
          substitutions: plan.substitutions,
          trace: plan.trace,
        },
      },
    });
    // a lost race for stock: the rollback takes the whole decision back
    if (!written.reserved) throw new StockMoved();
    const allocationIds = written.allocationIds;
    if (allocationIds.length === 0) return { status: 'backordered' as const, backordered: backorderedUnits };
    // the ids come in plan order
    const feedAllocationIds = allocationIds.filter(
      (_, i) => candidates.rows.get(plan.allocations[i]!.warehouseId)?.dispatchStyle === 'feed',
    );
    return { status: 'routed' as const, allocationIds, feedAllocationIds, backordered: backorderedUnits };
  });
}
