import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { shopifyInventoryLevels, shopifyLocations, skus } from '../../drizzle/schema/index.js';
import { byLevelKey } from './shopify-mirror-repo.js';
import type { DbOrTx } from './client.js';

export interface CatalogSku {
  sku: string;
  title: string;
  productExternalId: string | null;
  variantExternalId: string | null;
  inventoryItemExternalId: string | null;
  price: string;
  unitCost: string | null;
  supplier: string | null;
  /** the Shopify version (product updated_at) this comes from; null from a full read (import, reconcile) */
  sourceUpdatedAt?: Date | null;
}

export function createCatalogRepo(db: DbOrTx) {
  return {
    /** The shop's SKUs among these codes: code → id. */
    async skuIdsByCode(shopId: number, codes: string[]): Promise<{ id: number; sku: string }[]> {
      if (codes.length === 0) return [];
      return db
        .select({ id: skus.id, sku: skus.sku })
        .from(skus)
        .where(and(eq(skus.shopId, shopId), inArray(skus.sku, codes)));
    },

    /** Every SKU of the shop: id and code. */
    async skuIds(shopId: number): Promise<{ id: number; sku: string }[]> {
      return db.select({ id: skus.id, sku: skus.sku }).from(skus).where(eq(skus.shopId, shopId));
    },

    /** Shopify's inventory item of each SKU id that has one. */
    async inventoryItems(shopId: number, skuIds: number[]): Promise<{ id: number; item: string | null }[]> {
      if (skuIds.length === 0) return [];
      return db
        .select({ id: skus.id, item: skus.inventoryItemExternalId })
        .from(skus)
        .where(and(eq(skus.shopId, shopId), inArray(skus.id, skuIds)));
    },

    /** Upserts SKUs by code; supplier and lead times set by the merchant are kept. */
    async upsertSkus(shopId: number, items: CatalogSku[]): Promise<number> {
      if (items.length === 0) return 0;
      await db
        .insert(skus)
        .values(items.map((i) => ({ shopId, ...i, sourceUpdatedAt: i.sourceUpdatedAt ?? null })))
        .onConflictDoUpdate({
          target: [skus.shopId, skus.sku],
          set: {
            title: sql`excluded.title`,
            productExternalId: sql`excluded.product_external_id`,
            variantExternalId: sql`excluded.variant_external_id`,
            inventoryItemExternalId: sql`excluded.inventory_item_external_id`,
            price: sql`excluded.price`,
            unitCost: sql`coalesce(excluded.unit_cost, ${skus.unitCost})`,
            supplier: sql`coalesce(${skus.supplier}, excluded.supplier)`,
            sourceUpdatedAt: sql`greatest(${skus.sourceUpdatedAt}, excluded.source_updated_at)`,
            updatedAt: sql`now()`,
          },
          // a product webhook older than the version already applied changes nothing
          setWhere: sql`excluded.source_updated_at is null or ${skus.sourceUpdatedAt} is null or ${skus.sourceUpdatedAt} <= excluded.source_updated_at`,
        });
      return items.length;
    },

    async upsertLocation(
      shopId: number,
      l: {
        externalId: string;
        name: string;
        active: boolean;
        isFulfillmentService: boolean;
        address: Record<string, unknown>;
        latitude: number | null;
        longitude: number | null;
      },
      at: Date,
    ) {
      await db
        .insert(shopifyLocations)
        .values({ shopId, ...l, sourceUpdatedAt: at })
        .onConflictDoUpdate({
          target: [shopifyLocations.shopId, shopifyLocations.externalId],
          set: {
            name: sql`excluded.name`,
            active: sql`excluded.active`,
            isFulfillmentService: sql`excluded.is_fulfillment_service`,
            address: sql`excluded.address`,
            latitude: sql`excluded.latitude`,
            longitude: sql`excluded.longitude`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
        });
    },

    async upsertChannelLevels(
      shopId: number,
      levels: {
        inventoryItemExternalId: string;
        locationExternalId: string;
        available: number | null;
        onHand: number | null;
      }[],
      at: Date,
    ): Promise<number> {
      if (levels.length === 0) return 0;
      await db
        .insert(shopifyInventoryLevels)
        .values([...levels].sort(byLevelKey).map((l) => ({ shopId, ...l, sourceUpdatedAt: at })))
        .onConflictDoUpdate({
          target: [
            shopifyInventoryLevels.shopId,
            shopifyInventoryLevels.inventoryItemExternalId,
            shopifyInventoryLevels.locationExternalId,
          ],
          set: {
            available: sql`excluded.available`,
            onHand: sql`excluded.on_hand`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${shopifyInventoryLevels.sourceUpdatedAt} <= excluded.source_updated_at`,
        });
      return levels.length;
    },

    /** A product or inventory item deleted in Shopify: its SKUs keep their stock history but no longer point at it. */
    async detachShopifyIds(
      shopId: number,
      by: { productExternalId: string } | { inventoryItemExternalId: string },
    ): Promise<number> {
      const where =
        'productExternalId' in by
          ? eq(skus.productExternalId, by.productExternalId)
          : eq(skus.inventoryItemExternalId, by.inventoryItemExternalId);
      const rows = await db
        .update(skus)
        .set(
          'productExternalId' in by
            ? { productExternalId: null, variantExternalId: null, inventoryItemExternalId: null, updatedAt: new Date() }
            : { inventoryItemExternalId: null, updatedAt: new Date() },
        )
        .where(and(eq(skus.shopId, shopId), where))
        .returning({ id: skus.id });
      return rows.length;
    },

    /** The cost Shopify keeps on an inventory item, applied to the SKU stocked under it. */
    async setUnitCostByItem(shopId: number, inventoryItemExternalId: string, unitCost: string | null): Promise<number> {
      const rows = await db
        .update(skus)
        .set({ unitCost, updatedAt: new Date() })
        .where(and(eq(skus.shopId, shopId), eq(skus.inventoryItemExternalId, inventoryItemExternalId)))
        .returning({ id: skus.id });
      return rows.length;
    },

    /** The catalogue rows of these codes (for the reconciliation's comparison). */
    async skusByCode(shopId: number, codes: string[]) {
      if (codes.length === 0) return [];
      return db
        .select({
          sku: skus.sku,
          title: skus.title,
          price: skus.price,
          variantExternalId: skus.variantExternalId,
          inventoryItemExternalId: skus.inventoryItemExternalId,
        })
        .from(skus)
        .where(and(eq(skus.shopId, shopId), inArray(skus.sku, codes)));
    },

    /** Other Shopify variants of the product a SKU belongs to (sizes, colours): what it may be exchanged for. */
    async siblingVariants(shopId: number, sku: string): Promise<{ id: number; sku: string; title: string }[]> {
      const [own] = await db
        .select({ product: skus.productExternalId })
        .from(skus)
        .where(and(eq(skus.shopId, shopId), eq(skus.sku, sku)));
      if (!own?.product) return [];
      return db
        .select({ id: skus.id, sku: skus.sku, title: skus.title })
        .from(skus)
        .where(
          and(
            eq(skus.shopId, shopId),
            eq(skus.productExternalId, own.product),
            ne(skus.sku, sku),
            isNotNull(skus.variantExternalId),
          ),
        )
        .orderBy(asc(skus.sku))
        .limit(50);
    },
    async skuBySku(shopId: number, sku: string) {
      const [row] = await db
        .select()
        .from(skus)
        .where(and(eq(skus.shopId, shopId), eq(skus.sku, sku)));
      return row;
    },
  };
}
