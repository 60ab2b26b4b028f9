import type { SimInventoryLevel, SimShop } from '../../state/types.js';
import { restTime } from './common.js';

/** inventory_levels/update: only `available`, like Shopify. */
export function inventoryLevelPayload(shop: SimShop, level: SimInventoryLevel): Record<string, unknown> {
  return {
    inventory_item_id: level.inventoryItemId,
    location_id: level.locationId,
    available: level.quantities.available,
    updated_at: restTime(shop, level.updatedAt),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.inventoryItemId}`,
  };
}
