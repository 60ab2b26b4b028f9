import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import type { SimExchangeLineItem, SimLineItem, SimOrder, SimReturn, SimShop } from '../state/types.js';
import { foRef } from '../webhooks/payloads/fulfillment-order-payload.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { createFulfillmentOrders, routeLines } from './place-order.js';
import { fail, ok, type OpResult } from './result.js';

/** One exchange line of returnCreate's ReturnInput.exchangeLineItems. */
export interface ExchangeLineInput {
  variantId: unknown;
  quantity: number;
}

/** One exchange line of returnProcess's ReturnProcessInput.exchangeLineItems. */
export interface ExchangeProcessInput {
  id: unknown;
  quantity: number;
}

/** The exchange lines of a new return: variants of the shop, whole positive quantities. */
export function buildExchangeLines(
  core: SimCore,
  shop: SimShop,
  inputs: readonly ExchangeLineInput[],
): OpResult<SimExchangeLineItem[]> {
  const out: SimExchangeLineItem[] = [];
  for (const [i, x] of inputs.entries()) {
    const field = ['returnInput', 'exchangeLineItems', String(i)];
    const variantId = parseId(x.variantId, 'ProductVariant');
    if (variantId === undefined || !shop.variants.has(variantId))
      return fail('Product variant does not exist.', [...field, 'variantId'], 'NOT_FOUND');
    if (!Number.isInteger(x.quantity) || x.quantity <= 0)
      return fail('Quantity must be greater than 0.', [...field, 'quantity'], 'GREATER_THAN');
    out.push({ id: core.ids.next(), variantId, quantity: x.quantity, processedQuantity: 0, lineItemIds: [] });
  }
  return ok(out);
}

/** Exchange units returnProcess was asked to process, checked before anything changes. */
export type ExchangePlan = { line: SimExchangeLineItem; quantity: number }[];

export function planExchangeProcessing(
  ret: SimReturn,
  inputs: readonly ExchangeProcessInput[],
): OpResult<ExchangePlan> {
  const plan: ExchangePlan = [];
  for (const [i, x] of inputs.entries()) {
    const field = ['input', 'exchangeLineItems', String(i)];
    const id = parseId(x.id, 'ExchangeLineItem');
    const line = ret.exchangeLineItems.find((l) => l.id === id);
    if (!line) return fail('Exchange line item does not exist.', [...field, 'id'], 'NOT_FOUND');
    if (!Number.isInteger(x.quantity) || x.quantity <= 0)
      return fail('Quantity must be greater than 0.', [...field, 'quantity'], 'GREATER_THAN');
    const left =
      line.quantity - line.processedQuantity - plan.filter((p) => p.line === line).reduce((s, p) => s + p.quantity, 0);
    if (x.quantity > left)
      return fail('Quantity exceeds the unprocessed quantity.', [...field, 'quantity'], 'LESS_THAN_OR_EQUAL_TO');
    plan.push({ line, quantity: x.quantity });
  }
  return ok(plan);
}

/**
 * Processing exchange units adds them to the order as new line items and opens fulfillment
 * orders for them (Shopify's order routing picks the location; an exchange is never refused for
 * stock), then orders/updated and order_routing_complete fire as for an order edit.
 */
export function applyExchangeProcessing(core: SimCore, shop: SimShop, order: SimOrder, plan: ExchangePlan): void {
  if (plan.length === 0) return;
  const added: SimLineItem[] = [];
  for (const p of plan) {
    const v = shop.variants.get(p.line.variantId);
    if (!v) continue;
    const product = shop.products.get(v.productId);
    const li: SimLineItem = {
      id: core.ids.next(),
      variantId: v.id,
      productId: v.productId,
      inventoryItemId: v.inventoryItemId,
      sku: v.sku,
      title: product?.title ?? v.sku,
      variantTitle: v.title === 'Default Title' ? null : v.title,
      vendor: product?.vendor ?? shop.name,
      quantity: p.quantity,
      currentQuantity: p.quantity,
      priceCents: v.priceCents,
      grams: v.grams,
      requiresShipping: true,
    };
    added.push(li);
    p.line.processedQuantity += p.quantity;
    p.line.lineItemIds.push(li.id);
  }
  order.lineItems.push(...added);
  const routed = routeLines(
    shop,
    added.map((l) => ({ lineItemId: l.id, inventoryItemId: l.inventoryItemId, quantity: l.quantity })),
    true,
  );
  const fos = routed.ok ? createFulfillmentOrders(core, shop, order, routed.value) : [];
  order.updatedAt = core.clock.now();
  core.events.emit(shop, 'orders/updated', () => orderPayload(shop, order));
  for (const fo of fos) {
    const snapshot = foRef(fo);
    core.events.emit(shop, 'fulfillment_orders/order_routing_complete', () => ({ fulfillment_order: snapshot }));
  }
}
