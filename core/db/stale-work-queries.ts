import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  backorders,
  imports,
  orderLines,
  orders,
  shipments,
  stockDirty,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import { voidStatuses } from './allocations-repo.js';
import type { DbOrTx } from './client.js';

/** A unit of work the sweeper queues again: the row's id and the shop it belongs to. */
export interface StaleWork {
  id: number;
  shopId: number;
}

/**
 * What the sweeper looks for across every shop: work recorded in Postgres whose job Redis may
 * have lost. Each list is bounded by `limit` and holds only rows untouched since `before`.
 */
export function createStaleWorkQueries(db: DbOrTx) {
  return {
    /**
     * Orders still pending routing, and orders in a routed state whose open quantity has no live
     * allocation (one was rejected or withdrawn and its re-routing job lost). Backordered orders
     * wait for stock and are woken by restocks; held and settled ones are left alone.
     */
    unroutedOrders(before: Date, limit: number): Promise<StaleWork[]> {
      const uncovered = sql`exists (
        select 1 from ${orderLines} ol
        where ol.order_id = ${orders.id} and ol.shop_id = ${orders.shopId} and ol.requires_shipping and ol.current_quantity > coalesce((
          select sum(al.quantity) from ${allocationLines} al join ${allocations} a on a.id = al.allocation_id
          where al.order_line_id = ol.id and a.shop_id = ${orders.shopId} and a.status not in (${sql.join(
            voidStatuses.map((s) => sql`${s}`),
            sql`, `,
          )})
        ), 0) + coalesce((
          select b.quantity from ${backorders} b where b.order_line_id = ol.id and b.shop_id = ${orders.shopId} and b.status = 'cancelled'
        ), 0))`;
      return db
        .select({ id: orders.id, shopId: orders.shopId })
        .from(orders)
        .where(
          and(
            lt(orders.updatedAt, before),
            or(
              eq(orders.status, 'pending'),
              and(
                inArray(orders.status, ['routed', 'dispatched', 'partially_shipped']),
                isNull(orders.cancelledAt),
                uncovered,
              ),
            ),
          ),
        )
        .limit(limit);
    },
    /** allocations reserved and never handed to their 3PL (dispatch dead letters excluded) */
    undispatchedAllocations(before: Date, limit: number): Promise<StaleWork[]> {
      return db
        .select({ id: allocations.id, shopId: allocations.shopId })
        .from(allocations)
        .where(
          and(eq(allocations.status, 'reserved'), isNull(allocations.dispatchError), lt(allocations.updatedAt, before)),
        )
        .limit(limit);
    },
    /** shipments whose tracking was never pushed to their channel */
    unpushedShipments(before: Date, limit: number): Promise<StaleWork[]> {
      return db
        .select({ id: shipments.id, shopId: shipments.shopId })
        .from(shipments)
        .where(and(eq(shipments.pushStatus, 'pending'), lt(shipments.updatedAt, before)))
        .limit(limit);
    },
    /**
     * Shops with carrier scans still to push, recorded before `before` (the sweeper adds the
     * window), on shipments whose fulfillment exists: the others ride on the shipment's own push,
     * which the sweeper queues as an unpushed shipment.
     */
    async shopsWithPendingScans(before: Date): Promise<number[]> {
      const rows = await db
        .selectDistinct({ shopId: trackingEvents.shopId })
        .from(trackingEvents)
        .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
        .where(
          and(
            eq(trackingEvents.pushStatus, 'pending'),
            lt(trackingEvents.createdAt, before),
            isNotNull(shipments.fulfillmentExternalId),
          ),
        );
      return rows.map((r) => r.shopId);
    },
    /** imports queued and never started */
    queuedImports(before: Date, limit: number): Promise<StaleWork[]> {
      return db
        .select({ id: imports.id, shopId: imports.shopId })
        .from(imports)
        .where(and(eq(imports.status, 'queued'), lt(imports.createdAt, before)))
        .orderBy(asc(imports.id))
        .limit(limit);
    },
    /** shops with stock changes not yet picked up by the channel sync or the alerts */
    async shopsWithDirtyStock(before: Date): Promise<number[]> {
      const rows = await db
        .selectDistinct({ shopId: stockDirty.shopId })
        .from(stockDirty)
        .where(lt(stockDirty.markedAt, before));
      return rows.map((r) => r.shopId);
    },
  };
}
