import { createShopifyMirrorRepo } from '../../db/shopify-mirror-repo.js';
import { gid, restInventoryLevelSchema, restLocationSchema } from '../../integrations/shopify/rest-payloads.js';
import type { Tx } from '../../db/client.js';
import type { Shop } from '../../db/shops-repo.js';
import type { TopicHandler } from './types.js';

/**
 * inventory_levels/update: Shopify's `available` per item and location, newest wins. This is
 * the channel's view (what customers can buy), kept to measure drift; it never moves our ledger.
 */
export const ingestInventoryLevel: TopicHandler = async (tx, shop, payload) => {
  const l = restInventoryLevelSchema.parse(payload);
  const applied = await createShopifyMirrorRepo(tx).upsertInventoryLevel(
    shop.id,
    {
      inventoryItemExternalId: gid('InventoryItem', l.inventory_item_id),
      locationExternalId: gid('Location', l.location_id),
      available: l.available ?? null,
    },
    new Date(l.updated_at),
  );
  return { outcome: applied ? 'applied' : 'stale' };
};

/**
 * A batch of inventory_levels/update events of one shop in one statement: the newest per item and
 * location (later events of the same instant win), kept in the batch's lock order.
 */
export async function ingestInventoryLevels(tx: Tx, shop: Shop, payloads: unknown[]): Promise<void> {
  const newest = new Map<
    string,
    { inventoryItemExternalId: string; locationExternalId: string; available: number | null; at: Date }
  >();
  for (const payload of payloads) {
    const l = restInventoryLevelSchema.parse(payload);
    const row = {
      inventoryItemExternalId: gid('InventoryItem', l.inventory_item_id),
      locationExternalId: gid('Location', l.location_id),
      available: l.available ?? null,
      at: new Date(l.updated_at),
    };
    const key = `${row.inventoryItemExternalId}|${row.locationExternalId}`;
    const held = newest.get(key);
    if (!held || held.at <= row.at) newest.set(key, row);
  }
  await createShopifyMirrorRepo(tx).upsertInventoryLevels(shop.id, [...newest.values()]);
}

/** locations/*: mirror the shop's locations so warehouses can be linked to them. */
export const ingestLocation: TopicHandler = async (tx, shop, payload, event) => {
  const l = restLocationSchema.parse(payload);
  const deleted = event.topic === 'locations/delete';
  const active =
    event.topic === 'locations/deactivate' ? false : event.topic === 'locations/activate' ? true : (l.active ?? true);
  const at = l.updated_at ? new Date(l.updated_at) : (event.triggeredAt ?? event.receivedAt);
  const applied = await createShopifyMirrorRepo(tx).upsertLocation(
    shop.id,
    {
      externalId: l.admin_graphql_api_id ?? gid('Location', l.id),
      name: l.name,
      address: {
        address1: l.address1,
        address2: l.address2,
        city: l.city,
        zip: l.zip,
        province: l.province_code,
        countryCode: l.country_code,
      },
      active: active && !deleted,
      deleted,
    },
    at,
  );
  return { outcome: applied ? 'applied' : 'stale' };
};
