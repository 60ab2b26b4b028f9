import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { createAllocationsRepo } from '../db/allocations-repo.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { lockKey } from '../db/locks.js';
import { createOrdersRepo } from '../db/orders-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createStockRepo } from '../db/stock-repo.js';
import { createRoutingRulesRepo } from '../db/routing-rules-repo.js';
import { loadRoutingHistory } from '../db/routing-history-queries.js';
import { planRoute } from '../domain/routing/index.js';
import { NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueDispatch, enqueueStockJobs } from '../queue/producers.js';
import { cancelOrderAllocations } from './routing/cancel-order-allocations.js';
import { loadCandidates } from './routing/load-candidates.js';
import { toRoutingOrder } from './routing/to-routing-input.js';

export interface RouteDeps {
  db: Db;
  queues: Queues;
  log: Logger;
  now?: () => Date;
}

export type RouteResult =
  | { status: 'routed'; allocationIds: number[]; backordered: number }
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
  return deps.db.transaction(async (tx) => {
    const ordersRepo = createOrdersRepo(tx);
    const lockThenRead = async (ref: string) => {
      await lockKey(tx, `order:${input.shopId}:${ref}`);
      return ordersRepo.get(input.shopId, input.orderId);
    };
    // the order's lock is named by its channel id: taken first when the job carries it, else
    // after a first read (an id that does not match is read again under the right lock)
    let order = input.orderRef ? await lockThenRead(input.orderRef) : undefined;
    if (!order || order.externalId !== input.orderRef) {
      const pre = order ?? (await ordersRepo.get(input.shopId, input.orderId));
      if (!pre) throw new NotFoundError(`order ${input.orderId}`);
      order = await lockThenRead(pre.externalId);
      if (!order) throw new NotFoundError(`order ${input.orderId}`);
    }
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
    const lines = await ordersRepo.lines(input.shopId, order.id);
    const history = await loadRoutingHistory(tx, input.shopId, order.id);
    let covered = history.covered;
    if (lines.some((l) => (covered.get(l.id) ?? 0) > l.currentQuantity)) {
      // an edit removed units that are allocated: take back what no 3PL has started, then re-plan
      await cancelOrderAllocations(tx, input.shopId, order.id, 'order_edit', { onlyUntaken: true });
      covered = await allocationsRepo.coveredByLine(input.shopId, order.id);
    }
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
    const candidates = await loadCandidates(tx, input.shopId, [...new Set(routingOrder.lines.map((l) => l.sku))], now);
    const { rules } = await createRoutingRulesRepo(tx).get(input.shopId);
    // the checkout's shipping rate, as a service level some warehouse offers, and its promised date
    const plan = planRoute(
      toRoutingOrder(order, remaining, candidates.warehouses),
      candidates.warehouses.filter((w) => !rejectedBy.has(w.id)),
      rules,
      now,
    );

    const stock = createStockRepo(tx);
    const attempt = history.nextAttempt;
    const allocationIds: number[] = [];
    // one global order for row locks (warehouse, then SKU): concurrent routings cannot deadlock
    const planned = plan.allocations.map((a) => ({
      a,
      w: candidates.rows.get(a.warehouseId)!,
      lines: a.lines.map((l) => ({
        orderLineId: Number(l.lineId),
        skuId: candidates.skuIdByCode.get(l.sku)!,
        quantity: l.quantity,
      })),
    }));
    const reservations = planned
      .flatMap((p) => p.lines.map((l) => ({ warehouseId: p.w.id, skuId: l.skuId, quantity: l.quantity })))
      .sort((x, y) => x.warehouseId - y.warehouseId || x.skuId - y.skuId);
    for (const { a, w, lines: allocLines } of planned) {
      const row = await allocationsRepo.create(input.shopId, {
        orderId: order.id,
        warehouseId: w.id,
        attempt,
        trace: plan.trace,
        promisedShipBy: new Date(a.promise.shipBy),
        promisedDeliveryBy: new Date(`${a.promise.deliverBy}T18:00:00Z`),
        shipDate: a.promise.shipDate,
        serviceLevel: a.promise.serviceLevel,
        cost: a.cost === null ? null : a.cost.toFixed(2),
        distanceKm: a.distanceKm,
        locationExternalId: w.locationExternalId,
        idempotencyKey: randomUUID(),
        lines: allocLines,
      });
      allocationIds.push(row.id);
    }
    const backorderedUnits = plan.backorders.reduce((n, b) => n + b.quantity, 0);
    for (const b of plan.backorders) {
      await allocationsRepo.upsertBackorder(input.shopId, {
        orderId: order.id,
        orderLineId: Number(b.lineId),
        sku: b.sku,
        quantity: b.quantity,
        outcome: b.outcome.kind,
        cancelAt: b.outcome.kind === 'cancel_at' ? new Date(b.outcome.cancelAt) : null,
      });
    }
    if (history.openBackorders)
      await allocationsRepo.closeBackorders(
        input.shopId,
        order.id,
        'resolved',
        plan.backorders.map((b) => Number(b.lineId)),
      );
    const status = backorderedUnits > 0 ? 'backordered' : 'routed';
    await ordersRepo.setStatus(input.shopId, order.id, status, { onHoldReason: null, at: now });
    await audit.record(input.shopId, 'order', String(order.id), 'routed', 'routing', {
      reason: input.reason,
      attempt,
      allocations: allocationIds,
      backordered: plan.backorders,
      substitutions: plan.substitutions,
      trace: plan.trace,
    });
    // the stock rows of hot SKUs are what concurrent routings queue on: take them last, so each is
    // held only for the reservation and the commit (a lost race rolls everything above back)
    for (const r of reservations) {
      if (!(await stock.reserve(input.shopId, r.warehouseId, r.skuId, r.quantity))) throw new StockMoved();
    }
    if (allocationIds.length === 0) return { status: 'backordered' as const, backordered: backorderedUnits };
    return { status: 'routed' as const, allocationIds, backordered: backorderedUnits };
  });
}
