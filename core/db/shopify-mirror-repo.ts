import { sql } from 'drizzle-orm';
import { fulfillmentOrders, shopifyInventoryLevels, shopifyLocations } from '../../drizzle/schema/index.js';
import type { Address } from '../domain/address.js';
import type { DbOrTx } from './client.js';

/** A fulfillment order as Shopify's webhooks describe it (ids and statuses only). */
export interface MirroredFulfillmentOrder {
  externalId: string;
  status: string;
  requestStatus: string | null;
  locationExternalId: string | null;
}

export interface MirroredLocation {
  externalId: string;
  name: string;
  address: Address;
  active: boolean;
  deleted: boolean;
}

/**
 * Shopify's side of things, as its webhooks report it: fulfillment orders, locations and
 * `available` per item and location. Each upsert keeps the newest version (`at`) only.
 */
export function createShopifyMirrorRepo(db: DbOrTx) {
  return {
    async upsertFulfillmentOrder(shopId: number, fo: MirroredFulfillmentOrder, at: Date): Promise<void> {
      await this.upsertFulfillmentOrders(shopId, [{ ...fo, at }]);
    },

    /**
     * Fulfillment orders in one statement, each applied unless a newer version is stored; a status
     * or location the version leaves out keeps the stored one. One row per id: an upsert cannot
     * touch a row twice.
     */
    async upsertFulfillmentOrders(shopId: number, fos: (MirroredFulfillmentOrder & { at: Date })[]): Promise<void> {
      if (fos.length === 0) return;
      await db
        .insert(fulfillmentOrders)
        .values(fos.map(({ at, ...fo }) => ({ shopId, ...fo, sourceUpdatedAt: at })))
        .onConflictDoUpdate({
          target: [fulfillmentOrders.shopId, fulfillmentOrders.externalId],
          set: {
            status: sql`excluded.status`,
            requestStatus: sql`coalesce(excluded.request_status, ${fulfillmentOrders.requestStatus})`,
            locationExternalId: sql`coalesce(excluded.location_external_id, ${fulfillmentOrders.locationExternalId})`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${fulfillmentOrders.sourceUpdatedAt} is null or ${fulfillmentOrders.sourceUpdatedAt} <= excluded.source_updated_at`,
        });
    },

    /** false when a newer level was already stored */
    async upsertInventoryLevel(
      shopId: number,
      l: { inventoryItemExternalId: string; locationExternalId: string; available: number | null },
      at: Date,
    ): Promise<boolean> {
      return (await this.upsertInventoryLevels(shopId, [{ ...l, at }])) > 0;
    },

    /** Levels in one statement, each applied unless a newer one is stored; answers how many were. */
    async upsertInventoryLevels(
      shopId: number,
      levels: { inventoryItemExternalId: string; locationExternalId: string; available: number | null; at: Date }[],
    ): Promise<number> {
      if (levels.length === 0) return 0;
      const rows = await db
        .insert(shopifyInventoryLevels)
        .values(levels.map(({ at, ...l }) => ({ shopId, ...l, sourceUpdatedAt: at })))
        .onConflictDoUpdate({
          target: [
            shopifyInventoryLevels.shopId,
            shopifyInventoryLevels.inventoryItemExternalId,
            shopifyInventoryLevels.locationExternalId,
          ],
          set: {
            available: sql`excluded.available`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${shopifyInventoryLevels.sourceUpdatedAt} < excluded.source_updated_at`,
        })
        .returning({ id: shopifyInventoryLevels.id });
      return rows.length;
    },

    /** false when a newer version was already stored; a deleted location stays deleted */
    async upsertLocation(shopId: number, l: MirroredLocation, at: Date): Promise<boolean> {
      const rows = await db
        .insert(shopifyLocations)
        .values({ shopId, ...l, sourceUpdatedAt: at })
        .onConflictDoUpdate({
          target: [shopifyLocations.shopId, shopifyLocations.externalId],
          set: {
            name: sql`excluded.name`,
            address: sql`excluded.address`,
            active: sql`excluded.active`,
            deleted: sql`${shopifyLocations.deleted} or excluded.deleted`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${shopifyLocations.sourceUpdatedAt} is null or ${shopifyLocations.sourceUpdatedAt} <= excluded.source_updated_at`,
        })
        .returning({ id: shopifyLocations.id });
      return rows.length > 0;
    },
  };
}
