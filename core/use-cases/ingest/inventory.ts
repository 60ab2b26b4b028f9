import { sql } from 'drizzle-orm';
import { shopifyInventoryLevels, shopifyLocations } from '../../../drizzle/schema/index.js';
import { gid, restInventoryLevelSchema, restLocationSchema } from '../../integrations/shopify/rest-payloads.js';
import type { TopicHandler } from './types.js';

/**
 * inventory_levels/update: Shopify's `available` per item and location, newest wins. This is
 * the channel's view (what customers can buy), kept to measure drift; it never moves our ledger.
 */
export const ingestInventoryLevel: TopicHandler = async (tx, shop, payload) => {
  const l = restInventoryLevelSchema.parse(payload);
  const rows = await tx
    .insert(shopifyInventoryLevels)
    .values({
      shopId: shop.id, inventoryItemExternalId: gid('InventoryItem', l.inventory_item_id), locationExternalId: gid('Location', l.location_id),
      available: l.available ?? null, sourceUpdatedAt: new Date(l.updated_at),
    })
    .onConflictDoUpdate({
      target: [shopifyInventoryLevels.shopId, shopifyInventoryLevels.inventoryItemExternalId, shopifyInventoryLevels.locationExternalId],
      set: { available: sql`excluded.available`, sourceUpdatedAt: sql`excluded.source_updated_at`, updatedAt: sql`now()` },
      setWhere: sql`${shopifyInventoryLevels.sourceUpdatedAt} < excluded.source_updated_at`,
    })
    .returning({ id: shopifyInventoryLevels.id });
  return { outcome: rows.length ? 'applied' : 'stale' };
};

/** locations/*: mirror the shop's locations so warehouses can be linked to them. */
export const ingestLocation: TopicHandler = async (tx, shop, payload, event) => {
  const l = restLocationSchema.parse(payload);
  const deleted = event.topic === 'locations/delete';
  const active = event.topic === 'locations/deactivate' ? false : event.topic === 'locations/activate' ? true : (l.active ?? true);
  const at = l.updated_at ? new Date(l.updated_at) : (event.triggeredAt ?? event.receivedAt);
  const rows = await tx
    .insert(shopifyLocations)
    .values({
      shopId: shop.id, externalId: l.admin_graphql_api_id ?? gid('Location', l.id), name: l.name,
      address: { address1: l.address1, address2: l.address2, city: l.city, zip: l.zip, province: l.province_code, countryCode: l.country_code },
      active: active && !deleted, deleted, sourceUpdatedAt: at,
    })
    .onConflictDoUpdate({
      target: [shopifyLocations.shopId, shopifyLocations.externalId],
      set: { name: sql`excluded.name`, address: sql`excluded.address`, active: sql`excluded.active`, deleted: sql`${shopifyLocations.deleted} or excluded.deleted`, sourceUpdatedAt: sql`excluded.source_updated_at`, updatedAt: sql`now()` },
      setWhere: sql`${shopifyLocations.sourceUpdatedAt} is null or ${shopifyLocations.sourceUpdatedAt} <= excluded.source_updated_at`,
    })
    .returning({ id: shopifyLocations.id });
  return { outcome: rows.length ? 'applied' : 'stale' };
};
