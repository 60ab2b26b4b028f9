import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { replenishmentSnapshot, skus } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type SkuRow = typeof skus.$inferSelect;
/** What purchasing sets on a SKU. */
export type SkuPurchasingPatch = Partial<
  Pick<SkuRow, 'supplier' | 'leadTimeDays' | 'leadTimeStdDays' | 'packSize' | 'moq'>
>;

/** A SKU the last replenishment run says to reorder, with what purchasing knows about it. */
export interface ReorderCandidate {
  sku: SkuRow;
  available: number;
  backorders: number;
  reorderPoint: number;
  eoqRaw: number | null;
  meanDaily: number;
}

/** SKUs as purchasing sees them: suppliers, pack sizes, reorder candidates; scoped to one shop. */
export function createPurchasingQueries(db: DbOrTx) {
  return {
    async updateSku(shopId: number, id: number, patch: SkuPurchasingPatch, now: Date): Promise<SkuRow | undefined> {
      const [row] = await db
        .update(skus)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(skus.shopId, shopId), eq(skus.id, id)))
        .returning();
      return row;
    },

    async reorderCandidates(shopId: number): Promise<ReorderCandidate[]> {
      const rows = await db
        .select({ s: skus, r: replenishmentSnapshot })
        .from(replenishmentSnapshot)
        .innerJoin(skus, eq(skus.id, replenishmentSnapshot.skuId))
        .where(and(eq(replenishmentSnapshot.shopId, shopId), sql`${replenishmentSnapshot.suggestedOrderQuantity} > 0`));
      return rows.map(({ s, r }) => ({
        sku: s,
        available: r.available,
        backorders: r.backorders,
        reorderPoint: r.reorderPoint,
        eoqRaw: r.eoqRaw,
        meanDaily: r.meanDaily,
      }));
    },

    /** SKU code → id, for every SKU of the shop. */
    async skuIds(shopId: number): Promise<Map<string, number>> {
      const rows = await db.select({ id: skus.id, sku: skus.sku }).from(skus).where(eq(skus.shopId, shopId));
      return new Map(rows.map((x) => [x.sku, x.id]));
    },

    /** Suppliers named on the shop's SKUs, with how many SKUs name each. */
    async suppliers(shopId: number): Promise<{ supplier: string; skus: number }[]> {
      const rows = await db
        .select({ supplier: skus.supplier, n: sql<number>`count(*)::int` })
        .from(skus)
        .where(and(eq(skus.shopId, shopId), isNotNull(skus.supplier)))
        .groupBy(skus.supplier)
        .orderBy(asc(skus.supplier));
      return rows.map((x) => ({ supplier: x.supplier!, skus: Number(x.n) }));
    },
  };
}
