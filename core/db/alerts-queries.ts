import { and, desc, eq } from 'drizzle-orm';
import { skus, stockAlerts } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type StockAlertRow = typeof stockAlerts.$inferSelect;
export type AlertStatus = StockAlertRow['status'];

/** Stock alerts as the merchant reads and handles them; every query is scoped to one shop. */
export function createAlertsQueries(db: DbOrTx) {
  return {
    /** The newest alerts of one status with their SKU, at most 2,000. */
    async list(shopId: number, status: AlertStatus): Promise<(StockAlertRow & { sku: string; title: string })[]> {
      const rows = await db
        .select({ a: stockAlerts, sku: skus.sku, title: skus.title })
        .from(stockAlerts)
        .innerJoin(skus, eq(skus.id, stockAlerts.skuId))
        .where(and(eq(stockAlerts.shopId, shopId), eq(stockAlerts.status, status)))
        .orderBy(desc(stockAlerts.createdAt))
        .limit(2000);
      return rows.map(({ a, sku, title }) => ({ ...a, sku, title }));
    },

    async snooze(shopId: number, id: number, until: Date, now: Date): Promise<StockAlertRow | undefined> {
      const [row] = await db
        .update(stockAlerts)
        .set({ status: 'snoozed', snoozedUntil: until, updatedAt: now })
        .where(and(eq(stockAlerts.shopId, shopId), eq(stockAlerts.id, id)))
        .returning();
      return row;
    },

    async resolve(shopId: number, id: number, by: string, now: Date): Promise<StockAlertRow | undefined> {
      const [row] = await db
        .update(stockAlerts)
        .set({ status: 'resolved', resolvedAt: now, resolvedBy: by, updatedAt: now })
        .where(and(eq(stockAlerts.shopId, shopId), eq(stockAlerts.id, id)))
        .returning();
      return row;
    },
  };
}
