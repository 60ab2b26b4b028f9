import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import type {
  FinancialStatus,
  SimAddress,
  SimCustomer,
  SimFulfillmentOrder,
  SimLineItem,
  SimOrder,
  SimShop,
} from '../state/types.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { foRef } from '../webhooks/payloads/fulfillment-order-payload.js';
import { findVariantBySku } from './catalog.js';
import { fail, ok, type OpResult } from './result.js';
import { oversellLocation, planRouting, type RoutableLine, type RoutedLine } from './routing.js';

/** A line of an order to place, by SKU or variant id. */
export interface OrderLineInput {
  sku?: string;
  variantId?: number | string;
  quantity: number;
  /** Unit price in major units; defaults to the variant's price. */
  price?: string | number;
}

/** An address as callers give it; names and optional parts have defaults. */
export type AddressInput = Partial<SimAddress> & { address1: string; city: string; zip: string; countryCode: string };

/** An order as a checkout would create it. */
export interface PlaceOrderInput {
  lines: OrderLineInput[];
  shippingAddress: AddressInput;
  billingAddress?: AddressInput;
  email?: string;
  phone?: string;
  customer?: { email?: string; firstName?: string; lastName?: string; phone?: string };
  financialStatus?: Extract<FinancialStatus, 'paid' | 'pending' | 'authorized'>;
  tags?: string[];
  note?: string;
  /** Cart attributes set at checkout, e.g. a delivery-date picker's chosen date. */
  noteAttributes?: { name: string; value: string }[];
  shippingLine?: { title: string; code?: string; price: string | number; source?: string; carrierIdentifier?: string };
  /** When the order was created (epoch ms or ISO); default now. For historical seeds. */
  createdAt?: number | string;
  /** Accept lines no location has stock for (sends them to the best-ranked location stocking the item). */
  allowOversell?: boolean;
  test?: boolean;
  sourceName?: string;
  /** The checkout language, e.g. "en" or "fr-FR"; the shop's locale when absent. */
  customerLocale?: string;
  /** Skip Shopify's routing and assign every line to this location. */
  locationId?: number | string;
}

function fullAddress(a: AddressInput): SimAddress {
  return {
    firstName: 'Client',
    lastName: 'Anonyme',
    company: null,
    address2: null,
    province: null,
    provinceCode: null,
    phone: null,
    latitude: null,
    longitude: null,
    ...a,
  };
}

function findOrCreateCustomer(
  core: SimCore,
  shop: SimShop,
  input: PlaceOrderInput,
  address: SimAddress,
  at: number,
): SimCustomer {
  const email = (input.customer?.email ?? input.email ?? `${address.firstName}.${address.lastName}@example.com`)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  // read before the customer is added: the index checks its size against the customers'
  const byEmail = customerByEmail(shop);
  const known = byEmail.get(email);
  if (known) return known;
  const c: SimCustomer = {
    id: core.ids.next(),
    firstName: input.customer?.firstName ?? address.firstName,
    lastName: input.customer?.lastName ?? address.lastName,
    email,
    phone: input.customer?.phone ?? input.phone ?? address.phone,
    defaultAddressId: core.ids.next(),
    defaultAddress: address,
    tags: [],
    createdAt: at,
    updatedAt: at,
  };
  shop.customers.set(c.id, c);
  byEmail.set(email, c);
  return c;
}

/**
 * Customers by e-mail, per shop, so placing an order does not scan every customer. Customers are
 * only added here and never change e-mail; the index is rebuilt if the map was changed elsewhere
 * (a snapshot restored), which its size betrays.
 */
const emailIndexes = new WeakMap<Map<number, SimCustomer>, Map<string, SimCustomer>>();
function customerByEmail(shop: SimShop): Map<string, SimCustomer> {
  let index = emailIndexes.get(shop.customers);
  if (!index || index.size !== shop.customers.size) {
    index = new Map();
    // the first customer with an e-mail wins, as the scan this replaces found it
    for (const c of shop.customers.values()) if (!index.has(c.email)) index.set(c.email, c);
    emailIndexes.set(shop.customers, index);
  }
  return index;
}

function token(core: SimCore): string {
  let t = '';
  for (let i = 0; i < 32; i++) t += Math.floor(core.prng.next() * 16).toString(16);
  return t;
}

function buildLines(core: SimCore, shop: SimShop, input: PlaceOrderInput): OpResult<SimLineItem[]> {
  const lines: SimLineItem[] = [];
  for (const [i, l] of input.lines.entries()) {
    const variant =
      l.sku !== undefined
        ? findVariantBySku(shop, l.sku)
        : shop.variants.get(parseId(l.variantId, 'ProductVariant') ?? -1);
    if (!variant) return fail(`Unknown variant or SKU: ${l.sku ?? String(l.variantId)}`, ['lines', String(i)]);
    if (!Number.isInteger(l.quantity) || l.quantity <= 0)
      return fail('Quantity must be a positive integer', ['lines', String(i), 'quantity']);
    const product = shop.products.get(variant.productId);
    const item = shop.inventoryItems.get(variant.inventoryItemId);
    lines.push({
      id: core.ids.next(),
      variantId: variant.id,
      productId: variant.productId,
      inventoryItemId: variant.inventoryItemId,
      sku: variant.sku,
      title: product?.title ?? variant.sku,
      variantTitle: variant.title === 'Default Title' ? null : variant.title,
      vendor: product?.vendor ?? shop.name,
      quantity: l.quantity,
      currentQuantity: l.quantity,
      priceCents: l.price === undefined ? variant.priceCents : Math.round(Number(l.price) * 100),
      grams: variant.grams,
      requiresShipping: item?.requiresShipping ?? true,
    });
  }
  return ok(lines);
}

/** Creates the fulfillment orders of a routing plan and commits their stock. */
export function createFulfillmentOrders(
  core: SimCore,
  shop: SimShop,
  order: SimOrder,
  byLocation: Map<number, RoutedLine[]>,
  now = core.clock.now(),
): SimFulfillmentOrder[] {
  const created: SimFulfillmentOrder[] = [];
  const deltas: QuantityDelta[] = [];
  for (const [locationId, routed] of byLocation) {
    const fo: SimFulfillmentOrder = {
      id: core.ids.next(),
      orderId: order.id,
      assignedLocationId: locationId,
      status: 'OPEN',
      requestStatus: 'UNSUBMITTED',
      lineItems: routed.map((r) => ({
        id: core.ids.next(),
        lineItemId: r.lineItemId,
        totalQuantity: r.quantity,
        remainingQuantity: r.quantity,
      })),
      holds: [],
      statusBeforeHold: null,
      merchantRequests: [],
      fulfillAt: now,
      destinationId: core.ids.next(),
      deliveryMethodId: core.ids.next(),
      createdAt: now,
      updatedAt: now,
    };
    shop.fulfillmentOrders.set(fo.id, fo);
    order.fulfillmentOrderIds.push(fo.id);
    created.push(fo);
    for (const r of routed) {
      const li = order.lineItems.find((l) => l.id === r.lineItemId);
      if (!li?.inventoryItemId) continue;
      deltas.push({ inventoryItemId: li.inventoryItemId, locationId, name: 'available', delta: -r.quantity });
      deltas.push({ inventoryItemId: li.inventoryItemId, locationId, name: 'committed', delta: r.quantity });
    }
  }
  applyDeltas(core, shop, deltas);
  return created;
}

/** Routes lines with Shopify's default routing; fails on missing stock unless oversell is allowed. */
export function routeLines(
  shop: SimShop,
  lines: readonly RoutableLine[],
  allowOversell: boolean,
): OpResult<Map<number, RoutedLine[]>> {
  const plan = planRouting(shop, lines);
  for (const u of plan.unplaced) {
    const line = lines.find((l) => l.lineItemId === u.lineItemId);
    if (!line) continue;
    const variant = [...shop.variants.values()].find((v) => v.inventoryItemId === line.inventoryItemId);
    if (!allowOversell && variant?.inventoryPolicy !== 'CONTINUE')
      return fail(`Not enough stock for ${variant?.sku ?? 'item'}`, ['lines'], 'INSUFFICIENT_STOCK');
    const loc = oversellLocation(shop, line);
    if (!loc) return fail('The shop has no location that can fulfill online orders', ['lines'], 'NO_LOCATION');
    const list = plan.byLocation.get(loc.id) ?? [];
    const existing = list.find((l) => l.lineItemId === u.lineItemId);
    if (existing) existing.quantity += u.quantity;
    else list.push({ ...u });
    plan.byLocation.set(loc.id, list);
  }
  return ok(plan.byLocation);
}

/**
 * Places an order as a checkout would: routing assigns fulfillment orders, available goes down
 * and committed up, and orders/create (orders/paid when paid) then order_routing_complete fire.
 */
export function placeOrder(core: SimCore, shop: SimShop, input: PlaceOrderInput): OpResult<SimOrder> {
  if (input.lines.length === 0) return fail('An order needs at least one line', ['lines']);
  const built = buildLines(core, shop, input);
  if (!built.ok) return built;
  const lines = built.value;
  const routable = lines.map((l) => ({ lineItemId: l.id, inventoryItemId: l.inventoryItemId, quantity: l.quantity }));
  let byLocation: Map<number, RoutedLine[]>;
  if (input.locationId !== undefined) {
    const locId = parseId(input.locationId, 'Location');
    if (locId === undefined || !shop.locations.has(locId)) return fail('Unknown location', ['locationId']);
    byLocation = new Map([[locId, routable.map((r) => ({ lineItemId: r.lineItemId, quantity: r.quantity }))]]);
  } else {
    const routed = routeLines(shop, routable, input.allowOversell === true);
    if (!routed.ok) return routed;
    byLocation = routed.value;
  }
  const at =
    input.createdAt === undefined
      ? core.clock.now()
      : typeof input.createdAt === 'number'
        ? input.createdAt
        : Date.parse(input.createdAt);
  const shippingAddress = fullAddress(input.shippingAddress);
  const customer = findOrCreateCustomer(core, shop, input, shippingAddress, at);
  const number = shop.nextOrderNumber++;
  const ship = input.shippingLine ?? { title: 'Colissimo', code: 'colissimo', price: '4.90' };
  const order: SimOrder = {
    id: core.ids.next(),
    number,
    name: `#${number}`,
    token: token(core),
    email: customer.email,
    phone: input.phone ?? customer.phone,
    customerId: customer.id,
    ...(input.customerLocale ? { customerLocale: input.customerLocale } : {}),
    shippingAddress,
    billingAddress: input.billingAddress ? fullAddress(input.billingAddress) : { ...shippingAddress },
    lineItems: lines,
    shippingLines: [
      {
        id: core.ids.next(),
        title: ship.title,
        code: ship.code ?? ship.title,
        source: ship.source ?? 'shopify',
        carrierIdentifier: ship.carrierIdentifier ?? null,
        deliveryCategory: null,
        priceCents: Math.round(Number(ship.price) * 100),
      },
    ],
    tags: input.tags ?? [],
    note: input.note ?? null,
    ...(input.noteAttributes
      ? { noteAttributes: input.noteAttributes.map((a) => ({ name: a.name, value: a.value })) }
      : {}),
    test: input.test ?? false,
    currency: shop.currency,
    financialStatus: input.financialStatus ?? 'paid',
    sourceName: input.sourceName ?? 'web',
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    fulfillmentOrderIds: [],
    fulfillmentIds: [],
    returnIds: [],
    edited: false,
  };
  shop.orders.set(order.id, order);
  // orders/create and orders/paid tell the same instant of the order: one payload, built on first use, serves both
  let payload: ReturnType<typeof orderPayload> | null = null;
  const payloadOnce = () => (payload ??= orderPayload(shop, order));
  core.events.emit(shop, 'orders/create', payloadOnce);
  if (order.financialStatus === 'paid') core.events.emit(shop, 'orders/paid', payloadOnce);
  const fos = createFulfillmentOrders(core, shop, order, byLocation, at);
  for (const fo of fos) {
    const snapshot = foRef(fo);
    core.events.emit(shop, 'fulfillment_orders/order_routing_complete', () => ({ fulfillment_order: snapshot }));
  }
  return ok(order);
}
