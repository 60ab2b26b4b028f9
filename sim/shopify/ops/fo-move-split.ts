import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, getLevel, type QuantityDelta } from '../state/inventory.js';
import type { SimFulfillmentOrder, SimShop } from '../state/types.js';
import { foRef, lineRefs } from '../webhooks/payloads/fulfillment-order-payload.js';
import {
  carveOut,
  findFo,
  foOrder,
  isWithService,
  notFound,
  selectLines,
  selectsEverything,
  setStatus,
  type FoLineInput,
  type FoLineSelection,
} from './fo-common.js';
import { fail, ok, type OpResult } from './result.js';

/** fulfillmentOrderMove outcome. */
export interface MoveResult {
  moved: SimFulfillmentOrder;
  original: SimFulfillmentOrder;
}

/** Why an FO cannot go to a location, or null when it can (locationsForMove uses it too). */
export function moveBlocker(
  shop: SimShop,
  fo: SimFulfillmentOrder,
  locationId: number,
  sel?: readonly FoLineSelection[],
): string | null {
  const loc = shop.locations.get(locationId);
  if (!loc || !loc.isActive) return 'Location does not exist or is inactive.';
  if (loc.id === fo.assignedLocationId) return 'Current location.';
  const order = foOrder(shop, fo);
  const lines =
    sel ??
    fo.lineItems.filter((l) => l.remainingQuantity > 0).map((line) => ({ line, quantity: line.remainingQuantity }));
  for (const s of lines) {
    const li = order.lineItems.find((l) => l.id === s.line.lineItemId);
    if (li?.inventoryItemId && !getLevel(shop, li.inventoryItemId, loc.id)?.isActive)
      return 'No inventory stocked at location.';
  }
  return null;
}

function commitDeltas(
  shop: SimShop,
  fo: SimFulfillmentOrder,
  sel: readonly FoLineSelection[],
  from: number,
  to: number,
): QuantityDelta[] {
  const order = shop.orders.get(fo.orderId);
  const out: QuantityDelta[] = [];
  for (const s of sel) {
    const li = order?.lineItems.find((l) => l.id === s.line.lineItemId);
    if (!li?.inventoryItemId) continue;
    out.push({ inventoryItemId: li.inventoryItemId, locationId: from, name: 'committed', delta: -s.quantity });
    out.push({ inventoryItemId: li.inventoryItemId, locationId: from, name: 'available', delta: s.quantity });
    out.push({ inventoryItemId: li.inventoryItemId, locationId: to, name: 'available', delta: -s.quantity });
    out.push({ inventoryItemId: li.inventoryItemId, locationId: to, name: 'committed', delta: s.quantity });
  }
  return out;
}

/**
 * Moves an FO (or some of its lines) to another location. Moving everything of an FO with
 * nothing fulfilled changes its location in place; otherwise the units go to a new FO and the
 * original keeps the rest (or closes when nothing is left). Committed stock follows the units.
 */
export function moveFulfillmentOrder(
  core: SimCore,
  shop: SimShop,
  input: { id: unknown; newLocationId: unknown; lines?: readonly FoLineInput[] | null },
): OpResult<MoveResult> {
  const fo = findFo(shop, input.id);
  if (!fo) return notFound();
  if (fo.status === 'CLOSED' || fo.status === 'CANCELLED' || fo.status === 'INCOMPLETE')
    return fail('Cannot move a closed fulfillment order.', ['id']);
  if (isWithService(fo))
    return fail(`Cannot move a fulfillment order with request status ${fo.requestStatus}.`, ['id']);
  const locId = parseId(input.newLocationId, 'Location');
  if (locId === undefined || !shop.locations.has(locId)) return fail('Location could not be found.', ['newLocationId']);
  const sel = selectLines(fo, input.lines, 'fulfillmentOrderLineItems');
  if (!sel.ok) return sel;
  if (sel.value.length === 0) return fail('No line items left to move.', ['fulfillmentOrderLineItems']);
  const blocker = moveBlocker(shop, fo, locId, sel.value);
  if (blocker) return fail(`Cannot move to location: ${blocker}`, ['newLocationId']);
  const from = fo.assignedLocationId;
  const requested = sel.value.map((s) => ({ id: s.line.id, quantity: s.quantity }));
  const nothingFulfilled = fo.lineItems.every((l) => l.remainingQuantity === l.totalQuantity);
  const originalBefore = foRef(fo, { location: true });
  let moved: SimFulfillmentOrder;
  const deltas = commitDeltas(shop, fo, sel.value, from, locId);
  if (nothingFulfilled && selectsEverything(fo, sel.value)) {
    fo.assignedLocationId = locId;
    fo.requestStatus = 'UNSUBMITTED';
    fo.updatedAt = core.clock.now();
    moved = fo;
  } else {
    moved = carveOut(core, shop, fo, sel.value, locId);
    if (fo.lineItems.every((l) => l.remainingQuantity === 0)) setStatus(core, fo, 'CLOSED');
  }
  applyDeltas(core, shop, deltas);
  const payload = {
    original_fulfillment_order: moved === fo ? originalBefore : foRef(fo, { location: true }),
    moved_fulfillment_order: foRef(moved, { location: true }),
    destination_location_id: `gid://shopify/Location/${locId}`,
    fulfillment_order_line_items_requested: lineRefs(requested),
    source_location: { id: `gid://shopify/Location/${from}` },
  };
  core.events.emit(shop, 'fulfillment_orders/moved', () => payload);
  return ok({ moved, original: fo });
}

/** One split request. */
export interface SplitInput {
  fulfillmentOrderId: unknown;
  fulfillmentOrderLineItems: readonly FoLineInput[];
}

/** fulfillmentOrderSplit outcome for one FO. */
export interface SplitResult {
  fulfillmentOrder: SimFulfillmentOrder;
  remaining: SimFulfillmentOrder;
  replacement: SimFulfillmentOrder | null;
}

/** Splits the given units of each FO into a new FO at the same location. */
export function splitFulfillmentOrders(
  core: SimCore,
  shop: SimShop,
  inputs: readonly SplitInput[],
): OpResult<SplitResult[]> {
  const results: SplitResult[] = [];
  for (const [i, input] of inputs.entries()) {
    const fo = findFo(shop, input.fulfillmentOrderId);
    if (!fo) return notFound(`fulfillmentOrderSplits.${i}.fulfillmentOrderId`);
    if (input.fulfillmentOrderLineItems.length === 0)
      return fail(
        'No line items provided to split.',
        ['fulfillmentOrderSplits', String(i), 'fulfillmentOrderLineItems'],
        'NO_LINE_ITEMS_PROVIDED_TO_SPLIT',
      );
    if (fo.status !== 'OPEN' && fo.status !== 'ON_HOLD' && fo.status !== 'SCHEDULED')
      return fail(`Cannot split a fulfillment order with status ${fo.status}.`, ['fulfillmentOrderSplits', String(i)]);
    if (isWithService(fo))
      return fail(`Cannot split a fulfillment order with request status ${fo.requestStatus}.`, [
        'fulfillmentOrderSplits',
        String(i),
      ]);
    const sel = selectLines(fo, input.fulfillmentOrderLineItems, 'fulfillmentOrderLineItems');
    if (!sel.ok) return sel;
    if (selectsEverything(fo, sel.value))
      return fail(
        'The split must leave at least one unit on the original fulfillment order.',
        ['fulfillmentOrderSplits', String(i), 'fulfillmentOrderLineItems'],
        'GREATER_THAN',
      );
    const remaining = carveOut(core, shop, fo, sel.value, fo.assignedLocationId);
    remaining.status = fo.status === 'ON_HOLD' ? 'OPEN' : fo.status;
    const splitLines = sel.value.map((s) => ({ id: s.line.id, quantity: s.quantity }));
    const payload = {
      split_line_items: lineRefs(splitLines),
      fulfillment_order: foRef(fo),
      remaining_fulfillment_order: foRef(remaining),
      // the published schema requires an object; with no replacement the original is repeated
      replacement_fulfillment_order: foRef(fo),
    };
    core.events.emit(shop, 'fulfillment_orders/split', () => payload);
    results.push({ fulfillmentOrder: fo, remaining, replacement: null });
  }
  return ok(results);
}
