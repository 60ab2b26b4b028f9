import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  channelStockPushes,
  replenishmentSnapshot,
  skus,
  stockAlerts,
  stockLevels,
  warehouses,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** One Shopify product's SKUs with their stock, what each channel may sell, and their replenishment state. */
export function createProductStockQueries(db: DbOrTx) {
  return {
    async forProduct(shopId: number, productExternalId: string) {
      const rows = await db
        .select({ sku: skus, snap: replenishmentSnapshot })
        .from(skus)
        .leftJoin(
          replenishmentSnapshot,
          and(eq(replenishmentSnapshot.shopId, skus.shopId), eq(replenishmentSnapshot.skuId, skus.id)),
        )
        .where(and(eq(skus.shopId, shopId), eq(skus.productExternalId, productExternalId)))
        .orderBy(asc(skus.sku))
        .limit(100);
      const ids = rows.map((r) => r.sku.id);
      if (ids.length === 0) return [];
      const [levels, sellable, alerts] = await Promise.all([
        db
          .select({
            skuId: stockLevels.skuId,
            warehouse: warehouses.name,
            onHand: stockLevels.onHand,
            reserved: stockLevels.reserved,
          })
          .from(stockLevels)
          .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
          .where(and(eq(stockLevels.shopId, shopId), inArray(stockLevels.skuId, ids)))
          .orderBy(asc(warehouses.name)),
        db
          .select({
            skuId: channelStockPushes.skuId,
            channel: channelStockPushes.channel,
            quantity: sql<number>`sum(${channelStockPushes.quantity})::int`,
            pushedAt: sql<Date>`max(${channelStockPushes.pushedAt})`,
          })
          .from(channelStockPushes)
          .where(and(eq(channelStockPushes.shopId, shopId), inArray(channelStockPushes.skuId, ids)))
          .groupBy(channelStockPushes.skuId, channelStockPushes.channel)
          .orderBy(asc(channelStockPushes.channel)),
        db
          .select({
            skuId: stockAlerts.skuId,
            kind: stockAlerts.kind,
            severity: stockAlerts.severity,
            message: stockAlerts.message,
          })
          .from(stockAlerts)
          .where(and(eq(stockAlerts.shopId, shopId), inArray(stockAlerts.skuId, ids), eq(stockAlerts.status, 'open')))
          .orderBy(asc(stockAlerts.id)),
      ]);
      return rows.map(({ sku, snap }) => ({
        id: sku.id,
        sku: sku.sku,
        title: sku.title,
        levels: levels.filter((l) => l.skuId === sku.id),
        sellable: sellable
          .filter((s) => s.skuId === sku.id)
          .map((s) => ({ channel: s.channel, quantity: Number(s.quantity), pushedAt: new Date(s.pushedAt) })),
        reorderPoint: snap?.reorderPoint ?? null,
        daysOfCover: snap?.daysOfCover ?? null,
        alerts: alerts.filter((a) => a.skuId === sku.id),
      }));
    },
  };
}
