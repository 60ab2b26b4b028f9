import { and, eq, inArray, sql } from 'drizzle-orm';
import { inventoryMovements, stockDirty, stockLevels, type MovementReason } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export interface Movement {
  warehouseId: number;
  skuId: number;
  delta: number;
  reason: MovementReason;
  /** unique per (warehouse, sku, reason): a repeated movement is applied once */
  reference: string;
}

/**
 * Stock arithmetic lives here and only here, atomic in SQL: a reservation is a conditional
 * update that succeeds only if enough is unreserved, and on hand moves only with a ledger row.
 */
export function createStockRepo(db: DbOrTx) {
  /**
   * Every change marks the SKU for the channel sync and the alerts, in the same transaction. A
   * mark that finds the SKU already marked still locks that row (DO UPDATE … WHERE false writes
   * nothing): a run taking the marks then waits for this transaction, and reads the stock after
   * it. With DO NOTHING the run could take the old mark, read the stock before this change
   * committed, and the change would never be pushed.
   */
  const touch = async (shopId: number, skuId: number) => {
    await db
      .insert(stockDirty)
      .values([
        { shopId, skuId, purpose: 'sync' },
        { shopId, skuId, purpose: 'alerts' },
      ])
      .onConflictDoUpdate({
        target: [stockDirty.shopId, stockDirty.skuId, stockDirty.purpose],
        set: { markedAt: sql`${stockDirty.markedAt}` },
        setWhere: sql`false`,
      });
  };
  return {
    /** Reserves `quantity` or nothing; false when the units are not available. */
    async reserve(shopId: number, warehouseId: number, skuId: number, quantity: number): Promise<boolean> {
      if (quantity <= 0) return true;
      const rows = await db
        .update(stockLevels)
        .set({ reserved: sql`${stockLevels.reserved} + ${quantity}`, updatedAt: sql`now()` })
        .where(
          and(
            eq(stockLevels.shopId, shopId),
            eq(stockLevels.warehouseId, warehouseId),
            eq(stockLevels.skuId, skuId),
            sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${quantity}`,
          ),
        )
        .returning({ id: stockLevels.id });
      if (rows.length === 1) await touch(shopId, skuId);
      return rows.length === 1;
    },

    async release(shopId: number, warehouseId: number, skuId: number, quantity: number): Promise<void> {
      if (quantity <= 0) return;
      await db
        .update(stockLevels)
        .set({ reserved: sql`greatest(0, ${stockLevels.reserved} - ${quantity})`, updatedAt: sql`now()` })
        .where(
          and(eq(stockLevels.shopId, shopId), eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.skuId, skuId)),
        );
      await touch(shopId, skuId);
    },

    /**
     * Applies a ledger movement once: the ledger row and the on-hand change commit together,
     * and a repeated reference is a no-op. Shipping consumes the reservation with the units.
     */
    async applyMovement(shopId: number, m: Movement, opts: { consumeReserved?: number } = {}): Promise<boolean> {
      const inserted = await db
        .insert(inventoryMovements)
        .values({ shopId, ...m })
        .onConflictDoNothing({
          target: [
            inventoryMovements.warehouseId,
            inventoryMovements.skuId,
            inventoryMovements.reason,
            inventoryMovements.reference,
          ],
        })
        .returning({ id: inventoryMovements.id });
      if (inserted.length === 0) return false;
      const consume = opts.consumeReserved ?? 0;
      // update first: Postgres checks CHECK constraints on an upsert's would-be insert row too
      const updated = await db
        .update(stockLevels)
        .set({
          onHand: sql`${stockLevels.onHand} + ${m.delta}`,
          reserved: sql`greatest(0, ${stockLevels.reserved} - ${consume})`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(stockLevels.warehouseId, m.warehouseId), eq(stockLevels.skuId, m.skuId)))
        .returning({ id: stockLevels.id });
      if (updated.length === 0) {
        await db
          .insert(stockLevels)
          .values({ shopId, warehouseId: m.warehouseId, skuId: m.skuId, onHand: m.delta, reserved: 0 })
          .onConflictDoUpdate({
            target: [stockLevels.warehouseId, stockLevels.skuId],
            set: { onHand: sql`${stockLevels.onHand} + ${m.delta}`, updatedAt: sql`now()` },
          });
      }
      await touch(shopId, m.skuId);
      return true;
    },

    /**
     * Takes the shop's SKUs marked dirty for `purpose`: the caller's run is now responsible for them.
     * A mark a stock change holds locked (its transaction is still open) is skipped, not waited
     * for: that change may be about to mark other SKUs this run already holds, which deadlocked.
     * The skipped mark stays and is taken by the run the change wakes after its commit (or the
     * sweeper's).
     */
    async takeDirty(shopId: number, purpose: 'sync' | 'alerts'): Promise<{ skuId: number; markedAt: Date }[]> {
      return db
        .delete(stockDirty)
        .where(
          and(
            eq(stockDirty.shopId, shopId),
            eq(stockDirty.purpose, purpose),
            sql`${stockDirty.skuId} in (select d.sku_id from stock_dirty d
              where d.shop_id = ${shopId} and d.purpose = ${purpose} for update skip locked)`,
          ),
        )
        .returning({ skuId: stockDirty.skuId, markedAt: stockDirty.markedAt });
    },

    /** Gives back SKUs a failed run had taken, keeping the earliest mark so the lag stays honest. */
    async returnDirty(
      shopId: number,
      purpose: 'sync' | 'alerts',
      taken: { skuId: number; markedAt: Date }[],
    ): Promise<void> {
      if (taken.length === 0) return;
      await db
        .insert(stockDirty)
        .values(taken.map((t) => ({ shopId, skuId: t.skuId, purpose, markedAt: t.markedAt })))
        .onConflictDoUpdate({
          target: [stockDirty.shopId, stockDirty.skuId, stockDirty.purpose],
          set: { markedAt: sql`least(${stockDirty.markedAt}, excluded.marked_at)` },
        });
    },

    /** On hand and reserved for some SKUs at the shop's warehouses. */
    async levels(shopId: number, skuIds: number[]) {
      if (skuIds.length === 0) return [];
      return db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.shopId, shopId), inArray(stockLevels.skuId, skuIds)));
    },

    /** On hand and reserved for some SKUs at one warehouse. */
    async levelsAt(shopId: number, warehouseId: number, skuIds: number[]) {
      if (skuIds.length === 0) return [];
      return db
        .select()
        .from(stockLevels)
        .where(
          and(
            eq(stockLevels.shopId, shopId),
            eq(stockLevels.warehouseId, warehouseId),
            inArray(stockLevels.skuId, skuIds),
          ),
        );
    },

    async level(shopId: number, warehouseId: number, skuId: number) {
      const [row] = await db
        .select()
        .from(stockLevels)
        .where(
          and(eq(stockLevels.shopId, shopId), eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.skuId, skuId)),
        );
      return row;
    },
  };
}
export type StockRepo = ReturnType<typeof createStockRepo>;
