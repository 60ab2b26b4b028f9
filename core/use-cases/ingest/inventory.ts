import { createShopifyMirrorRepo } from '../../db/shopify-mirror-repo.js';
import { gid, restInventoryLevelSchema, restLocationSchema } from '../../integrations/shopify/rest-payloads.js';
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
