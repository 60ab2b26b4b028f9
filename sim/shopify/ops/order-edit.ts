import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import { isFoActive, orderFulfillmentOrders, unfulfilledQuantity } from '../state/order-status.js';
import type { SimLineItem, SimOrder, SimShop } from '../state/types.js';
import { foRef } from '../webhooks/payloads/fulfillment-order-payload.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { restTime } from '../webhooks/payloads/common.js';
import { findVariantBySku } from './catalog.js';
import { createFulfillmentOrders, routeLines } from './place-order.js';
import { fail, ok, type OpResult } from './result.js';

/** An order edit as a merchant would commit it. */
export interface EditOrderInput {
  /** Lower the quantity of existing lines (only unfulfilled units can go). */
  setQuantities?: { lineItemId: number | string; quantity: number }[];
  /** Add lines by SKU; they are routed into new fulfillment orders. */
  addLines?: { sku: string; quantity: number; price?: string | number }[];
  staffNote?: string;
  notifyCustomer?: boolean;
}

/**
 * orderEditBegin…orderEditCommit in one step: removed units leave their FOs and go back to
 * available, added lines are routed; orders/edited then orders/updated fire.
 */
export function editOrder(core: SimCore, shop: SimShop, orderId: unknown, input: EditOrderInput): OpResult<SimOrder> {
  const order = shop.orders.get(parseId(orderId, 'Order') ?? -1);
  if (!order) return fail('Order does not exist', ['orderId'], 'NOT_FOUND');
  if (order.cancelledAt) return fail('A cancelled order cannot be edited', ['orderId'], 'INVALID');
  const removals: { id: number; delta: number }[] = [];
  const additions: { id: number; delta: number }[] = [];
  const deltas: QuantityDelta[] = [];
  const plans: { li: SimLineItem; take: number }[] = [];
  for (const [i, s] of (input.setQuantities ?? []).entries()) {
    const li = order.lineItems.find((l) => l.id === parseId(s.lineItemId, 'LineItem'));
    if (!li) return fail('Line item does not exist', ['setQuantities', String(i), 'lineItemId'], 'NOT_FOUND');
    const take = li.currentQuantity - s.quantity;
    if (take < 0)
      return fail(
        'Quantities can only be lowered; add a line to sell more',
        ['setQuantities', String(i), 'quantity'],
        'INVALID',
      );
    if (take > unfulfilledQuantity(shop, order, li))
      return fail('Only unfulfilled units can be removed', ['setQuantities', String(i), 'quantity'], 'INVALID');
    if (take > 0) plans.push({ li, take });
  }
  const newLines: SimLineItem[] = [];
  for (const [i, a] of (input.addLines ?? []).entries()) {
    const v = findVariantBySku(shop, a.sku);
    if (!v) return fail(`Unknown SKU ${a.sku}`, ['addLines', String(i), 'sku'], 'NOT_FOUND');
    const product = shop.products.get(v.productId);
    newLines.push({
      id: core.ids.next(),
      variantId: v.id,
      productId: v.productId,
      inventoryItemId: v.inventoryItemId,
      sku: v.sku,
      title: product?.title ?? v.sku,
      variantTitle: v.title === 'Default Title' ? null : v.title,
      vendor: product?.vendor ?? shop.name,
      quantity: a.quantity,
      currentQuantity: a.quantity,
      priceCents: a.price === undefined ? v.priceCents : Math.round(Number(a.price) * 100),
      grams: v.grams,
      requiresShipping: true,
    });
  }
  const routed = newLines.length
    ? routeLines(
        shop,
        newLines.map((l) => ({ lineItemId: l.id, inventoryItemId: l.inventoryItemId, quantity: l.quantity })),
        false,
      )
    : ok(new Map<number, { lineItemId: number; quantity: number }[]>());
  if (!routed.ok) return routed;
  for (const { li, take } of plans) {
    let left = take;
    for (const fo of orderFulfillmentOrders(shop, order).filter(isFoActive).reverse()) {
      for (const l of fo.lineItems) {
        if (l.lineItemId !== li.id || left === 0) continue;
        const x = Math.min(left, l.remainingQuantity);
        if (x === 0) continue;
        l.remainingQuantity -= x;
        l.totalQuantity -= x;
        left -= x;
        if (li.inventoryItemId) {
          deltas.push({
            inventoryItemId: li.inventoryItemId,
            locationId: fo.assignedLocationId,
            name: 'committed',
            delta: -x,
          });
          deltas.push({
            inventoryItemId: li.inventoryItemId,
            locationId: fo.assignedLocationId,
            name: 'available',
            delta: x,
          });
        }
      }
      fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
      if (fo.lineItems.length === 0 || fo.lineItems.every((l) => l.remainingQuantity === 0)) fo.status = 'CLOSED';
      fo.updatedAt = core.clock.now();
    }
    li.currentQuantity -= take;
    removals.push({ id: li.id, delta: take });
  }
  order.lineItems.push(...newLines);
  for (const l of newLines) additions.push({ id: l.id, delta: l.quantity });
  applyDeltas(core, shop, deltas);
  const fos = createFulfillmentOrders(core, shop, order, routed.value);
  const now = core.clock.now();
  order.edited = true;
  order.updatedAt = now;
  const editId = core.ids.next();
  const edit = {
    order_edit: {
      id: editId,
      app_id: null,
      created_at: restTime(shop, now),
      committed_at: restTime(shop, now),
      notify_customer: input.notifyCustomer ?? false,
      order_id: order.id,
      staff_note: input.staffNote ?? '',
      user_id: null,
      line_items: { additions, removals },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  };
  core.events.emit(shop, 'orders/edited', () => edit);
  core.events.emit(shop, 'orders/updated', () => orderPayload(shop, order));
  for (const fo of fos) {
    const snapshot = foRef(fo);
    core.events.emit(shop, 'fulfillment_orders/order_routing_complete', () => ({ fulfillment_order: snapshot }));
  }
  return ok(order);
}
