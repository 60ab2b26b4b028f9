import type { SimCore } from '../core/sim-core.js';
import {
  STORED_QUANTITY_NAMES,
  type QuantityName,
  type SimInventoryLevel,
  type SimShop,
  type StoredQuantityName,
} from './types.js';
import { inventoryLevelPayload } from '../webhooks/payloads/inventory-payload.js';

export function levelKey(inventoryItemId: number, locationId: number): string {
  return `${inventoryItemId}:${locationId}`;
}

export function getLevel(shop: SimShop, inventoryItemId: number, locationId: number): SimInventoryLevel | undefined {
  return shop.levels.get(levelKey(inventoryItemId, locationId));
}

/** on_hand = available + committed + the unavailable states; incoming is not on hand. */
export function onHand(level: SimInventoryLevel): number {
  const q = level.quantities;
  return q.available + q.committed + q.reserved + q.damaged + q.safety_stock + q.quality_control;
}

export function quantityOf(level: SimInventoryLevel, name: QuantityName): number {
  return name === 'on_hand' ? onHand(level) : level.quantities[name];
}

export function isStoredName(name: string): name is StoredQuantityName {
  return (STORED_QUANTITY_NAMES as readonly string[]).includes(name);
}

/** Starts stocking an item at a location (inventoryActivate). */
export function activateLevel(
  core: SimCore,
  shop: SimShop,
  inventoryItemId: number,
  locationId: number,
): SimInventoryLevel {
  const existing = getLevel(shop, inventoryItemId, locationId);
  const now = core.clock.now();
  if (existing) {
    existing.isActive = true;
    return existing;
  }
  const zero = {
    available: 0,
    committed: 0,
    incoming: 0,
    reserved: 0,
    damaged: 0,
    safety_stock: 0,
    quality_control: 0,
  };
  const level: SimInventoryLevel = {
    inventoryItemId,
    locationId,
    quantities: { ...zero },
    quantityUpdatedAt: {
      available: now,
      committed: now,
      incoming: now,
      reserved: now,
      damaged: now,
      safety_stock: now,
      quality_control: now,
    },
    isActive: true,
    createdAt: now,
    updatedAt: now,
  };
  shop.levels.set(levelKey(inventoryItemId, locationId), level);
  return level;
}

/** One quantity change; `on_hand` changes move `available` (the unavailable states stay). */
export interface QuantityDelta {
  inventoryItemId: number;
  locationId: number;
  name: StoredQuantityName | 'on_hand';
  delta: number;
}

/**
 * Applies deltas and announces `inventory_levels/update` once per level whose `available`
 * moved, as Shopify does. Levels are created on demand.
 */
export function applyDeltas(core: SimCore, shop: SimShop, deltas: readonly QuantityDelta[]): void {
  const now = core.clock.now();
  const touched = new Map<string, SimInventoryLevel>();
  for (const d of deltas) {
    if (d.delta === 0) continue;
    const level =
      getLevel(shop, d.inventoryItemId, d.locationId) ?? activateLevel(core, shop, d.inventoryItemId, d.locationId);
    const name: StoredQuantityName = d.name === 'on_hand' ? 'available' : d.name;
    level.quantities[name] += d.delta;
    level.quantityUpdatedAt[name] = now;
    level.updatedAt = now;
    if (name === 'available') touched.set(levelKey(d.inventoryItemId, d.locationId), level);
  }
  for (const level of touched.values()) {
    core.events.emit(shop, 'inventory_levels/update', () => inventoryLevelPayload(shop, level));
  }
}
