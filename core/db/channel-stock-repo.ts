import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
  channelStockPushes,
  replenishmentSnapshot,
  shopifyInventoryLevels,
  skus,
  stockLevels,
  warehouses,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { byLevelKey } from './shopify-mirror-repo.js';

/** One SKU at one warehouse linked to a Shopify location: what it holds, and Shopify's ids for it. */
export interface SellableLevel {
  skuId: number;
  warehouseId: number;
  onHand: number;
  reserved: number;
  item: string | null;
  location: string | null;
}

/** A quantity pushed to a channel for a SKU at a warehouse's location. */
export interface ChannelPush {
  skuId: number;
  warehouseId: number;
  item: string;
  location: string;
  quantity: number;
}

/**
 * What the inventory sync reads and writes: stock at warehouses linked to Shopify locations,
 * what was last pushed, and what Shopify last said it has. `skuIds` undefined means every SKU.
 */
export function createChannelStockRepo(db: DbOrTx) {
  return {
    async sellableLevels(shopId: number, skuIds?: number[]): Promise<SellableLevel[]> {
      return db
        .select({
          skuId: stockLevels.skuId,
          warehouseId: stockLevels.warehouseId,
          onHand: stockLevels.onHand,
          reserved: stockLevels.reserved,
          item: skus.inventoryItemExternalId,
          location: warehouses.locationExternalId,
        })
        .from(stockLevels)
        .innerJoin(skus, eq(skus.id, stockLevels.skuId))
        .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
        .where(
          and(
            eq(stockLevels.shopId, shopId),
            isNotNull(warehouses.locationExternalId),
            isNotNull(skus.inventoryItemExternalId),
            eq(warehouses.active, true),
            skuIds ? inArray(stockLevels.skuId, skuIds) : undefined,
          ),
        );
    },

    /** Mean daily demand per SKU, from the last replenishment run. */
    async meanDailyDemand(shopId: number, skuIds?: number[]): Promise<Map<number, number>> {
      const rows = await db
        .select({ skuId: replenishmentSnapshot.skuId, meanDaily: replenishmentSnapshot.meanDaily })
        .from(replenishmentSnapshot)
        .where(
          and(
            eq(replenishmentSnapshot.shopId, shopId),
            skuIds ? inArray(replenishmentSnapshot.skuId, skuIds) : undefined,
          ),
        );
      return new Map(rows.map((r) => [r.skuId, r.meanDaily]));
    },

    /** Last quantity pushed to the channel, keyed `skuId:warehouseId`. */
    async lastPushed(shopId: number, channel: string, skuIds?: number[]): Promise<Map<string, number>> {
      const rows = await db
        .select()
        .from(channelStockPushes)
        .where(
          and(
            eq(channelStockPushes.shopId, shopId),
            eq(channelStockPushes.channel, channel),
            skuIds ? inArray(channelStockPushes.skuId, skuIds) : undefined,
          ),
        );
      return new Map(rows.map((p) => [`${p.skuId}:${p.warehouseId}`, p.quantity]));
    },

    /** Shopify's last known `available` per item and location, keyed `item|location`. */
    async shopifyAvailable(shopId: number, items: string[]): Promise<Map<string, number | null>> {
      const levels = await db
        .select()
        .from(shopifyInventoryLevels)
        .where(
          and(
            eq(shopifyInventoryLevels.shopId, shopId),
            inArray(shopifyInventoryLevels.inventoryItemExternalId, items),
          ),
        );
      return new Map(levels.map((l) => [`${l.inventoryItemExternalId}|${l.locationExternalId}`, l.available]));
    },

    /**
     * What we told Shopify, and what Shopify now says it has (until its next webhook says
     * otherwise): a whole push in two multi-row upserts.
     */
    async recordShopifyPushes(shopId: number, pushed: ChannelPush[], now: Date): Promise<void> {
      if (pushed.length === 0) return;
      // one row per key: an upsert cannot touch the same row twice in one statement
      const bySku = [...new Map(pushed.map((t) => [`${t.skuId}:${t.warehouseId}`, t])).values()].sort(
        (a, b) => a.skuId - b.skuId || a.warehouseId - b.warehouseId,
      );
      // the inventory levels in the order every multi-row write of them takes (no deadlock with ingest)
      const byLevel = [...new Map(pushed.map((t) => [`${t.item}|${t.location}`, t])).values()]
        .map((t) => ({ ...t, inventoryItemExternalId: t.item, locationExternalId: t.location }))
        .sort(byLevelKey);
      await db
        .insert(channelStockPushes)
        .values(
          bySku.map((t) => ({
            shopId,
            channel: 'shopify',
            skuId: t.skuId,
            warehouseId: t.warehouseId,
            quantity: t.quantity,
            pushedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [
            channelStockPushes.shopId,
            channelStockPushes.channel,
            channelStockPushes.skuId,
            channelStockPushes.warehouseId,
          ],
          set: { quantity: sql`excluded.quantity`, pushedAt: sql`excluded.pushed_at` },
        });
      await db
        .insert(shopifyInventoryLevels)
        .values(
          byLevel.map((t) => ({
            shopId,
            inventoryItemExternalId: t.item,
            locationExternalId: t.location,
            available: t.quantity,
            sourceUpdatedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [
            shopifyInventoryLevels.shopId,
            shopifyInventoryLevels.inventoryItemExternalId,
            shopifyInventoryLevels.locationExternalId,
          ],
          set: { available: sql`excluded.available`, sourceUpdatedAt: sql`excluded.source_updated_at` },
        });
    },
  };
}
