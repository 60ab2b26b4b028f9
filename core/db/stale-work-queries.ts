import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { allocations, imports, orders, shipments, stockDirty } from '../../drizzle/schema/index.js';
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
    /** orders still pending routing */
    unroutedOrders(before: Date, limit: number): Promise<StaleWork[]> {
      return db.select({ id: orders.id, shopId: orders.shopId }).from(orders)
        .where(and(eq(orders.status, 'pending'), lt(orders.updatedAt, before))).limit(limit);
    },
    /** allocations reserved and never handed to their 3PL (dispatch dead letters excluded) */
    undispatchedAllocations(before: Date, limit: number): Promise<StaleWork[]> {
      return db.select({ id: allocations.id, shopId: allocations.shopId }).from(allocations)
        .where(and(eq(allocations.status, 'reserved'), isNull(allocations.dispatchError), lt(allocations.updatedAt, before))).limit(limit);
    },
    /** shipments whose tracking was never pushed to their channel */
    unpushedShipments(before: Date, limit: number): Promise<StaleWork[]> {
      return db.select({ id: shipments.id, shopId: shipments.shopId }).from(shipments)
        .where(and(eq(shipments.pushStatus, 'pending'), lt(shipments.updatedAt, before))).limit(limit);
    },
    /** imports queued and never started */
    queuedImports(before: Date, limit: number): Promise<StaleWork[]> {
      return db.select({ id: imports.id, shopId: imports.shopId }).from(imports)
        .where(and(eq(imports.status, 'queued'), lt(imports.createdAt, before))).orderBy(asc(imports.id)).limit(limit);
    },
    /** shops with stock changes not yet picked up by the channel sync or the alerts */
    async shopsWithDirtyStock(before: Date): Promise<number[]> {
      const rows = await db.selectDistinct({ shopId: stockDirty.shopId }).from(stockDirty).where(lt(stockDirty.markedAt, before));
      return rows.map((r) => r.shopId);
    },
  };
}
