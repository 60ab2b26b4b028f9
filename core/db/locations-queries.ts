import { and, eq } from 'drizzle-orm';
import { shopifyLocations } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type ShopifyLocationRow = typeof shopifyLocations.$inferSelect;

/** The shop's Shopify locations as last imported. */
export function createLocationsQueries(db: DbOrTx) {
  return {
    /** Locations that still exist in Shopify. */
    async list(shopId: number): Promise<ShopifyLocationRow[]> {
      return db
        .select()
        .from(shopifyLocations)
        .where(and(eq(shopifyLocations.shopId, shopId), eq(shopifyLocations.deleted, false)));
    },
  };
}
