import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import {
  activateLevel,
  applyDeltas,
  getLevel,
  isStoredName,
  onHand,
  quantityOf,
  type QuantityDelta,
} from '../state/inventory.js';
import type {
  SimAdjustmentGroup,
  SimInventoryChange,
  SimInventoryLevel,
  SimShop,
  StoredQuantityName,
} from '../state/types.js';
import { fail, ok, type OpError, type OpResult } from './result.js';

/** Reasons Shopify accepts for inventory changes. */
export const INVENTORY_REASONS = [
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_updated',
  'movement_received',
  'movement_canceled',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
] as const;

const MAX_QTY = 1_000_000_000;

/** InventorySetQuantitiesInput. */
export interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: readonly {
    inventoryItemId: string;
    locationId: string;
    quantity: number;
    changeFromQuantity?: number | null;
  }[];
}

/** InventoryAdjustQuantitiesInput. */
export interface AdjustQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  changes: readonly {
    inventoryItemId: string;
    locationId: string;
    delta: number;
    changeFromQuantity?: number | null;
    ledgerDocumentUri?: string | null;
  }[];
}

function isUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}

function checkCommon(input: { reason: string; referenceDocumentUri?: string | null }): OpError | null {
  if (!(INVENTORY_REASONS as readonly string[]).includes(input.reason))
    return { field: ['input', 'reason'], message: 'The specified reason is invalid.', code: 'INVALID_REASON' };
  if (input.referenceDocumentUri && !isUri(input.referenceDocumentUri))
    return {
      field: ['input', 'referenceDocumentUri'],
      message: 'The specified reference document is invalid.',
      code: 'INVALID_REFERENCE_DOCUMENT',
    };
  return null;
}

function resolveLevel(shop: SimShop, itemGid: string, locGid: string, field: string[]): OpResult<SimInventoryLevel> {
  const itemId = parseId(itemGid, 'InventoryItem');
  if (itemId === undefined || !shop.inventoryItems.has(itemId))
    return fail(
      'The specified inventory item could not be found.',
      [...field, 'inventoryItemId'],
      'INVALID_INVENTORY_ITEM',
    );
  const locId = parseId(locGid, 'Location');
  if (locId === undefined || !shop.locations.has(locId))
    return fail('The specified location could not be found.', [...field, 'locationId'], 'INVALID_LOCATION');
  const level = getLevel(shop, itemId, locId);
  if (!level || !level.isActive)
    return fail(
      'The specified inventory item is not stocked at the location.',
      [...field, 'locationId'],
      'ITEM_NOT_STOCKED_AT_LOCATION',
    );
  return ok(level);
}

function record(
  core: SimCore,
  shop: SimShop,
  reason: string,
  uri: string | null | undefined,
  changes: SimInventoryChange[],
): SimAdjustmentGroup {
  const group: SimAdjustmentGroup = {
    id: core.ids.next(),
    reason,
    referenceDocumentUri: uri ?? null,
    changes,
    createdAt: core.clock.now(),
  };
  shop.adjustmentGroups.set(group.id, group);
  return group;
}

/** Absolute quantities with compare-and-swap (2026-04+ rules: changeFromQuantity must be sent). */
export function setQuantities(core: SimCore, shop: SimShop, input: SetQuantitiesInput): OpResult<SimAdjustmentGroup> {
  if (input.name !== 'available' && input.name !== 'on_hand')
    return fail('The quantity name must be either "available" or "on_hand".', ['input', 'name'], 'INVALID_NAME');
  const common = checkCommon(input);
  if (common) return { ok: false, errors: [common] };
  const seen = new Set<string>();
  const planned: { level: SimInventoryLevel; quantity: number }[] = [];
  for (const [i, q] of input.quantities.entries()) {
    const field = ['input', 'quantities', String(i)];
    const level = resolveLevel(shop, q.inventoryItemId, q.locationId, field);
    if (!level.ok) return level;
    const key = `${level.value.inventoryItemId}:${level.value.locationId}`;
    if (seen.has(key))
      return fail(
        'The combination of inventoryItemId and locationId must be unique.',
        field,
        'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
      );
    seen.add(key);
    if (!('changeFromQuantity' in q) || q.changeFromQuantity === undefined)
      return fail(
        'changeFromQuantity is required. Pass null to skip the compare-and-swap check.',
        [...field, 'changeFromQuantity'],
        'COMPARE_QUANTITY_REQUIRED',
      );
    const current = quantityOf(level.value, input.name);
    if (q.changeFromQuantity !== null && q.changeFromQuantity !== current)
      return fail(
        `The specified compare quantity does not match the current quantity (current: ${current}).`,
        [...field, 'changeFromQuantity'],
        'CHANGE_FROM_QUANTITY_STALE',
      );
    if (q.quantity > MAX_QTY)
      return fail('The quantity is too high.', [...field, 'quantity'], 'INVALID_QUANTITY_TOO_HIGH');
    if (q.quantity < -MAX_QTY)
      return fail('The quantity is too low.', [...field, 'quantity'], 'INVALID_QUANTITY_TOO_LOW');
    if (input.name === 'on_hand' && q.quantity < 0)
      return fail('The on_hand quantity cannot be negative.', [...field, 'quantity'], 'INVALID_QUANTITY_NEGATIVE');
    planned.push({ level: level.value, quantity: q.quantity });
  }
  const deltas: QuantityDelta[] = [];
  const changes: SimInventoryChange[] = [];
  for (const p of planned) {
    const delta = p.quantity - quantityOf(p.level, input.name === 'on_hand' ? 'on_hand' : 'available');
    deltas.push({ inventoryItemId: p.level.inventoryItemId, locationId: p.level.locationId, name: 'available', delta });
    const base = { inventoryItemId: p.level.inventoryItemId, locationId: p.level.locationId, ledgerDocumentUri: null };
    changes.push({ ...base, name: 'available', delta, quantityAfterChange: p.level.quantities.available + delta });
    changes.push({ ...base, name: 'on_hand', delta, quantityAfterChange: onHand(p.level) + delta });
  }
  applyDeltas(core, shop, deltas);
  return ok(record(core, shop, input.reason, input.referenceDocumentUri, changes));
}

/** Deltas on one quantity name; ledgerDocumentUri is required for every name but available. */
export function adjustQuantities(
  core: SimCore,
  shop: SimShop,
  input: AdjustQuantitiesInput,
): OpResult<SimAdjustmentGroup> {
  const name = input.name;
  if (name !== 'on_hand' && (!isStoredName(name) || name === 'committed'))
    return fail('The specified quantity name is invalid.', ['input', 'name'], 'INVALID_QUANTITY_NAME');
  const common = checkCommon(input);
  if (common) return { ok: false, errors: [common] };
  const planned: { level: SimInventoryLevel; delta: number; ledger: string | null }[] = [];
  for (const [i, c] of input.changes.entries()) {
    const field = ['input', 'changes', String(i)];
    const level = resolveLevel(shop, c.inventoryItemId, c.locationId, field);
    if (!level.ok) return level;
    const ledger = c.ledgerDocumentUri ?? null;
    if (name === 'available' && ledger)
      return fail(
        'A ledger document URI is not allowed when adjusting available.',
        [...field, 'ledgerDocumentUri'],
        'INVALID_AVAILABLE_DOCUMENT',
      );
    if (name !== 'available' && !ledger)
      return fail(
        'A ledger document URI is required for this quantity name.',
        [...field, 'ledgerDocumentUri'],
        'INVALID_LEDGER_DOCUMENT',
      );
    if (ledger && ledger.startsWith('gid://shopify/'))
      return fail(
        'The ledger document URI cannot be a Shopify resource.',
        [...field, 'ledgerDocumentUri'],
        'INTERNAL_LEDGER_DOCUMENT',
      );
    if (ledger && !isUri(ledger))
      return fail('The ledger document URI is invalid.', [...field, 'ledgerDocumentUri'], 'INVALID_LEDGER_DOCUMENT');
    const current = quantityOf(level.value, name);
    if (c.changeFromQuantity !== undefined && c.changeFromQuantity !== null && c.changeFromQuantity !== current)
      return fail(
        `The specified compare quantity does not match the current quantity (current: ${current}).`,
        [...field, 'changeFromQuantity'],
        'CHANGE_FROM_QUANTITY_STALE',
      );
    if (current + c.delta > MAX_QTY)
      return fail('The quantity is too high.', [...field, 'delta'], 'INVALID_QUANTITY_TOO_HIGH');
    if (current + c.delta < -MAX_QTY)
      return fail('The quantity is too low.', [...field, 'delta'], 'INVALID_QUANTITY_TOO_LOW');
    planned.push({ level: level.value, delta: c.delta, ledger });
  }
  const deltas: QuantityDelta[] = [];
  const changes: SimInventoryChange[] = [];
  for (const p of planned) {
    const stored: StoredQuantityName = name === 'on_hand' ? 'available' : name;
    const base = { inventoryItemId: p.level.inventoryItemId, locationId: p.level.locationId };
    deltas.push({ ...base, name: stored, delta: p.delta });
    changes.push({
      ...base,
      name,
      delta: p.delta,
      quantityAfterChange: quantityOf(p.level, name) + p.delta,
      ledgerDocumentUri: p.ledger,
    });
    if (name === 'on_hand')
      changes.push({
        ...base,
        name: 'available',
        delta: p.delta,
        quantityAfterChange: p.level.quantities.available + p.delta,
        ledgerDocumentUri: null,
      });
    else if (stored !== 'incoming')
      changes.push({
        ...base,
        name: 'on_hand',
        delta: p.delta,
        quantityAfterChange: onHand(p.level) + p.delta,
        ledgerDocumentUri: null,
      });
  }
  applyDeltas(core, shop, deltas);
  return ok(record(core, shop, input.reason, input.referenceDocumentUri, changes));
}

/** inventoryActivate: starts stocking an item at a location, optionally with an available quantity. */
export function activateInventory(
  core: SimCore,
  shop: SimShop,
  itemGid: unknown,
  locGid: unknown,
  available?: number | null,
): OpResult<SimInventoryLevel> {
  const itemId = parseId(itemGid, 'InventoryItem');
  if (itemId === undefined || !shop.inventoryItems.has(itemId))
    return fail('The specified inventory item could not be found.', ['inventoryItemId']);
  const locId = parseId(locGid, 'Location');
  if (locId === undefined || !shop.locations.has(locId))
    return fail('The specified location could not be found.', ['locationId']);
  const existed = getLevel(shop, itemId, locId);
  const level = activateLevel(core, shop, itemId, locId);
  if (available !== undefined && available !== null && !existed)
    applyDeltas(core, shop, [{ inventoryItemId: itemId, locationId: locId, name: 'available', delta: available }]);
  return ok(level);
}
