import type { SimCore } from '../core/sim-core.js';
import { gid, parseId } from '../core/ids.js';
import type { SimFulfillmentHold, SimFulfillmentOrder, SimShop } from '../state/types.js';
import { foRef, holdRef, lineRefs } from '../webhooks/payloads/fulfillment-order-payload.js';
import {
  carveOut,
  findFo,
  notFound,
  selectLines,
  selectsEverything,
  setStatus,
  type FoLineInput,
} from './fo-common.js';
import { fail, ok, type OpResult } from './result.js';

const MAX_HOLDS_PER_APP = 10;

/** FulfillmentOrderHoldInput. */
export interface HoldInput {
  reason: string;
  reasonNotes?: string | null;
  handle?: string | null;
  fulfillmentOrderLineItems?: readonly FoLineInput[] | null;
}

/** fulfillmentOrderHold outcome. */
export interface HoldResult {
  hold: SimFulfillmentHold;
  fulfillmentOrder: SimFulfillmentOrder;
  remaining: SimFulfillmentOrder | null;
}

/**
 * Places a hold. With specific lines, those stay on the held FO and the rest moves to a new
 * "remaining" FO. Several holds may stack (distinct handles, at most 10 per app).
 */
export function holdFulfillmentOrder(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  input: HoldInput,
): OpResult<HoldResult> {
  const fo = findFo(shop, id);
  if (!fo) return notFound();
  if (fo.status !== 'OPEN' && fo.status !== 'ON_HOLD' && fo.status !== 'SCHEDULED')
    return fail(`Cannot hold a fulfillment order with status ${fo.status}.`, ['id']);
  if (
    fo.requestStatus === 'SUBMITTED' ||
    fo.requestStatus === 'ACCEPTED' ||
    fo.requestStatus === 'CANCELLATION_REQUESTED'
  )
    return fail(`Cannot hold a fulfillment order with request status ${fo.requestStatus}.`, ['id']);
  const handle = input.handle ?? '';
  if (fo.holds.some((h) => h.heldByApp && h.handle === handle))
    return fail(
      'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.',
      ['fulfillmentHold', 'handle'],
      'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
    );
  if (fo.holds.filter((h) => h.heldByApp).length >= MAX_HOLDS_PER_APP)
    return fail(
      'The maximum number of fulfillment holds for this fulfillment order has been reached for this app.',
      ['id'],
      'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED',
    );
  let remaining: SimFulfillmentOrder | null = null;
  let held = fo.lineItems
    .filter((l) => l.remainingQuantity > 0)
    .map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
  if (input.fulfillmentOrderLineItems && input.fulfillmentOrderLineItems.length > 0) {
    const sel = selectLines(fo, input.fulfillmentOrderLineItems, 'fulfillmentHold.fulfillmentOrderLineItems');
    if (!sel.ok) return sel;
    if (!selectsEverything(fo, sel.value)) {
      if (fo.holds.length > 0)
        return fail('Fulfillment order is not splittable while on hold.', ['id'], 'FULFILLMENT_ORDER_NOT_SPLITTABLE');
      const heldQty = new Map(sel.value.map((s) => [s.line.id, s.quantity]));
      const rest = fo.lineItems.flatMap((line) => {
        const q = line.remainingQuantity - (heldQty.get(line.id) ?? 0);
        return q > 0 ? [{ line, quantity: q }] : [];
      });
      remaining = carveOut(core, shop, fo, rest, fo.assignedLocationId);
      held = sel.value.map((s) => ({ id: s.line.id, quantity: s.quantity }));
    }
  }
  const hold: SimFulfillmentHold = {
    id: core.ids.next(),
    handle,
    reason: input.reason,
    reasonNotes: input.reasonNotes ?? null,
    heldByApp: true,
  };
  if (fo.status !== 'ON_HOLD') fo.statusBeforeHold = fo.status;
  fo.holds.push(hold);
  setStatus(core, fo, 'ON_HOLD');
  const payload = {
    fulfillment_order: { ...foRef(fo), fulfillment_holds: fo.holds.map(holdRef) },
    remaining_fulfillment_order: foRef(remaining ?? fo),
    held_fulfillment_order_line_items: lineRefs(held),
    created_fulfillment_hold: holdRef(hold),
  };
  core.events.emit(shop, 'fulfillment_orders/placed_on_hold', () => payload);
  return ok({ hold, fulfillmentOrder: fo, remaining });
}

/** Releases the given holds (all of them when holdIds is omitted). */
export function releaseHold(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  holdIds?: readonly unknown[] | null,
): OpResult<SimFulfillmentOrder> {
  const fo = findFo(shop, id);
  if (!fo) return notFound();
  if (fo.status !== 'ON_HOLD') return fail('The fulfillment order is not on hold.', ['id']);
  let release: SimFulfillmentHold[];
  if (holdIds && holdIds.length > 0) {
    release = [];
    for (const [i, h] of holdIds.entries()) {
      const n = parseId(h, 'FulfillmentHold');
      const hold = fo.holds.find((x) => x.id === n);
      if (!hold)
        return fail(
          `Fulfillment hold ${String(h)} does not exist on this fulfillment order.`,
          ['holdIds', String(i)],
          'INVALID_ACCESS',
        );
      release.push(hold);
    }
  } else {
    release = [...fo.holds];
  }
  const ids = new Set(release.map((h) => h.id));
  fo.holds = fo.holds.filter((h) => !ids.has(h.id));
  if (fo.holds.length === 0) {
    setStatus(core, fo, fo.statusBeforeHold ?? 'OPEN');
    fo.statusBeforeHold = null;
  }
  core.events.emit(shop, 'fulfillment_orders/hold_released', () => ({ fulfillment_order: foRef(fo) }));
  return ok(fo);
}

/** gid of a hold, for callers building responses. */
export function holdGid(h: SimFulfillmentHold): string {
  return gid('FulfillmentHold', h.id);
}
