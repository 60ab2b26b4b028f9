import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { activateLevel, applyDeltas, getLevel, type QuantityDelta } from '../state/inventory.js';
import type { SimInventoryLevel, SimShop, StoredQuantityName } from '../state/types.js';
import { findVariantBySku } from './catalog.js';
import { fail, ok, type OpResult } from './result.js';

/** Absolute quantities to set at one location, by SKU or inventory item id. */
export interface SetStockInput {
  sku?: string;
  inventoryItemId?: number | string;
  locationId: number | string;
  available?: number;
  onHand?: number;
  incoming?: number;
  reserved?: number;
  damaged?: number;
  safetyStock?: number;
  qualityControl?: number;
}

/** Sets stock the way a merchant would in the admin; inventory_levels/update fires when available moves. */
export function setStock(core: SimCore, shop: SimShop, input: SetStockInput): OpResult<SimInventoryLevel> {
  const itemId =
    input.sku !== undefined
      ? findVariantBySku(shop, input.sku)?.inventoryItemId
      : parseId(input.inventoryItemId, 'InventoryItem');
  if (itemId === undefined || !shop.inventoryItems.has(itemId))
    return fail(`Unknown inventory item or SKU: ${input.sku ?? String(input.inventoryItemId)}`, ['sku']);
  const locId = parseId(input.locationId, 'Location');
  if (locId === undefined || !shop.locations.has(locId))
    return fail(`Unknown location: ${String(input.locationId)}`, ['locationId']);
  const level = getLevel(shop, itemId, locId) ?? activateLevel(core, shop, itemId, locId);
  const deltas: QuantityDelta[] = [];
  const set = (name: StoredQuantityName, value: number | undefined): void => {
    if (value !== undefined)
      deltas.push({ inventoryItemId: itemId, locationId: locId, name, delta: value - level.quantities[name] });
  };
  set('incoming', input.incoming);
  set('reserved', input.reserved);
  set('damaged', input.damaged);
  set('safety_stock', input.safetyStock);
  set('quality_control', input.qualityControl);
  set('available', input.available);
  if (input.onHand !== undefined) {
    const after = (n: StoredQuantityName): number =>
      level.quantities[n] + deltas.filter((d) => d.name === n).reduce((sum, d) => sum + d.delta, 0);
    const unavailable = after('reserved') + after('damaged') + after('safety_stock') + after('quality_control');
    const targetAvailable = input.onHand - level.quantities.committed - unavailable;
    const rest = deltas.filter((d) => d.name !== 'available');
    deltas.length = 0;
    deltas.push(...rest, {
      inventoryItemId: itemId,
      locationId: locId,
      name: 'available',
      delta: targetAvailable - level.quantities.available,
    });
  }
  applyDeltas(core, shop, deltas);
  return ok(level);
}
