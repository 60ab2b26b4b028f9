import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import { orderRestFulfillmentStatus } from '../state/order-status.js';
import type { SimFulfillment, SimFulfillmentOrder, SimShop, SimTracking } from '../state/types.js';
import { fulfillmentPayload } from '../webhooks/payloads/fulfillment-payload.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { findFo, selectLines, setStatus, type FoLineInput, type FoLineSelection } from './fo-common.js';
import { fail, ok, type OpResult } from './result.js';

/** FulfillmentTrackingInput. */
export interface TrackingInput {
  company?: string | null;
  number?: string | null;
  numbers?: readonly string[] | null;
  url?: string | null;
  urls?: readonly string[] | null;
}

/** FulfillmentInput. */
export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: readonly {
    fulfillmentOrderId: unknown;
    fulfillmentOrderLineItems?: readonly FoLineInput[] | null;
  }[];
  trackingInfo?: TrackingInput | null;
  notifyCustomer?: boolean | null;
}

const CARRIER_URLS: Record<string, (n: string) => string> = {
  colissimo: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  'la poste': (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  chronopost: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  dhl: (n) => `https://www.dhl.com/fr-fr/home/tracking.html?tracking-id=${n}`,
  'dhl express': (n) => `https://www.dhl.com/fr-fr/home/tracking.html?tracking-id=${n}`,
  dpd: (n) => `https://www.dpd.fr/trace/${n}`,
  gls: (n) => `https://gls-group.eu/FR/fr/suivi-colis?match=${n}`,
  'mondial relay': (n) => `https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition=${n}`,
  bpost: (n) => `https://track.bpost.cloud/btr/web/#/search?itemCode=${n}&lang=fr`,
  postnl: (n) => `https://jouw.postnl.nl/track-and-trace/${n}`,
  correos: (n) => `https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number=${n}`,
  brt: (n) => `https://vas.brt.it/vas/sped_det_show.hsm?referer=sped_numspe_par.htm&Nspediz=${n}`,
};

/** Tracking entries the way Shopify stores them; URLs are generated for known carriers. */
export function trackingEntries(input: TrackingInput | null | undefined): SimTracking[] {
  if (!input) return [];
  const numbers = input.numbers && input.numbers.length > 0 ? [...input.numbers] : input.number ? [input.number] : [];
  const urls = input.urls && input.urls.length > 0 ? [...input.urls] : input.url ? [input.url] : [];
  const company = input.company ?? null;
  const make = company ? CARRIER_URLS[company.toLowerCase()] : undefined;
  if (numbers.length === 0) return company || urls.length ? [{ company, number: null, url: urls[0] ?? null }] : [];
  return numbers.map((n, i) => ({ company, number: n, url: urls[i] ?? (make ? make(n) : null) }));
}

interface Selected {
  fo: SimFulfillmentOrder;
  lines: FoLineSelection[];
}

function validate(shop: SimShop, input: FulfillmentInput): OpResult<Selected[]> {
  if (input.lineItemsByFulfillmentOrder.length === 0)
    return fail('Line items by fulfillment order must not be empty.', ['fulfillment', 'lineItemsByFulfillmentOrder']);
  const selected: Selected[] = [];
  for (const [i, group] of input.lineItemsByFulfillmentOrder.entries()) {
    const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
    const fo = findFo(shop, group.fulfillmentOrderId);
    if (!fo) return fail('Fulfillment order does not exist.', [...field, 'fulfillmentOrderId']);
    const first = selected[0]?.fo;
    if (first && first.orderId !== fo.orderId)
      return fail('All fulfillment orders must belong to the same order.', [...field, 'fulfillmentOrderId']);
    if (first && first.assignedLocationId !== fo.assignedLocationId)
      return fail('All fulfillment orders must be assigned to the same location.', [...field, 'fulfillmentOrderId']);
    if (fo.status === 'CLOSED' || fo.status === 'CANCELLED' || fo.status === 'INCOMPLETE')
      return fail(`Fulfillment order ${fo.id} is ${fo.status.toLowerCase()}.`, field);
    if (fo.status === 'ON_HOLD') return fail(`Fulfillment order ${fo.id} is on hold.`, field);
    if (fo.requestStatus === 'SUBMITTED' || fo.requestStatus === 'CANCELLATION_REQUESTED')
      return fail(`Fulfillment order ${fo.id} has a pending request to its fulfillment service.`, field);
    const order = shop.orders.get(fo.orderId);
    if (order?.cancelledAt) return fail('The order has been cancelled.', field);
    const lines = selectLines(fo, group.fulfillmentOrderLineItems, 'fulfillmentOrderLineItems');
    if (!lines.ok)
      return {
        ok: false,
        errors: lines.errors.map((e) => ({ ...e, field: e.field ? [...field, ...e.field] : field })),
      };
    if (lines.value.length === 0) return fail(`Fulfillment order ${fo.id} has nothing left to fulfill.`, field);
    selected.push({ fo, lines: lines.value });
  }
  return ok(selected);
}

/**
 * fulfillmentCreate: units leave committed (and on hand) at the FO location, FO lines count
 * down, FOs close when done; fulfillments/create and orders/updated fire.
 */
export function createFulfillment(core: SimCore, shop: SimShop, input: FulfillmentInput): OpResult<SimFulfillment> {
  const v = validate(shop, input);
  if (!v.ok) return v;
  const first = v.value[0];
  if (!first) return fail('Nothing to fulfill.', ['fulfillment']);
  const order = shop.orders.get(first.fo.orderId);
  if (!order) return fail('Order does not exist.', ['fulfillment']);
  const now = core.clock.now();
  const tracking = trackingEntries(input.trackingInfo);
  const deltas: QuantityDelta[] = [];
  const f: SimFulfillment = {
    id: core.ids.next(),
    orderId: order.id,
    locationId: first.fo.assignedLocationId,
    name: `${order.name}.${order.fulfillmentIds.length + 1}`,
    status: 'SUCCESS',
    displayStatus: 'FULFILLED',
    shipmentStatus: null,
    tracking,
    lineItems: [],
    fulfillmentOrderIds: v.value.map((s) => s.fo.id),
    events: [],
    notifyCustomer: input.notifyCustomer ?? false,
    inTransitAt: null,
    deliveredAt: null,
    estimatedDeliveryAt: null,
    createdAt: now,
    updatedAt: now,
  };
  for (const { fo, lines } of v.value) {
    for (const s of lines) {
      s.line.remainingQuantity -= s.quantity;
      f.lineItems.push({
        id: core.ids.next(),
        lineItemId: s.line.lineItemId,
        fulfillmentOrderLineItemId: s.line.id,
        quantity: s.quantity,
      });
      const li = order.lineItems.find((l) => l.id === s.line.lineItemId);
      if (li?.inventoryItemId)
        deltas.push({
          inventoryItemId: li.inventoryItemId,
          locationId: fo.assignedLocationId,
          name: 'committed',
          delta: -s.quantity,
        });
    }
    setStatus(core, fo, fo.lineItems.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS');
  }
  shop.fulfillments.set(f.id, f);
  order.fulfillmentIds.push(f.id);
  order.updatedAt = now;
  applyDeltas(core, shop, deltas);
  core.events.emit(shop, 'fulfillments/create', () => fulfillmentPayload(shop, f));
  core.events.emit(shop, 'orders/updated', () => orderPayload(shop, order));
  const status = orderRestFulfillmentStatus(shop, order);
  core.events.emit(shop, status === 'fulfilled' ? 'orders/fulfilled' : 'orders/partially_fulfilled', () =>
    orderPayload(shop, order),
  );
  return ok(f);
}

export function findFulfillment(shop: SimShop, id: unknown): SimFulfillment | undefined {
  const n = parseId(id, 'Fulfillment');
  return n === undefined ? undefined : shop.fulfillments.get(n);
}

/** fulfillmentTrackingInfoUpdate: replaces tracking; fulfillments/update fires. */
export function updateTracking(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  input: TrackingInput,
  notifyCustomer?: boolean | null,
): OpResult<SimFulfillment> {
  const f = findFulfillment(shop, id);
  if (!f) return fail('Fulfillment does not exist.', ['fulfillmentId']);
  if (f.status !== 'SUCCESS') return fail('Cannot update tracking of a cancelled fulfillment.', ['fulfillmentId']);
  f.tracking = trackingEntries(input);
  if (notifyCustomer !== undefined && notifyCustomer !== null) f.notifyCustomer = notifyCustomer;
  f.updatedAt = core.clock.now();
  core.events.emit(shop, 'fulfillments/update', () => fulfillmentPayload(shop, f));
  return ok(f);
}

/** FulfillmentEventInput. */
export interface FulfillmentEventInput {
  fulfillmentId: unknown;
  status: string;
  message?: string | null;
  happenedAt?: string | null;
  estimatedDeliveryAt?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  zip?: string | null;
  address1?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** fulfillmentEventCreate: records a carrier event and moves displayStatus/shipment_status. */
export function createFulfillmentEvent(
  core: SimCore,
  shop: SimShop,
  input: FulfillmentEventInput,
): OpResult<{ fulfillment: SimFulfillment; eventId: number }> {
  const f = findFulfillment(shop, input.fulfillmentId);
  if (!f) return fail('Fulfillment does not exist.', ['fulfillmentEvent', 'fulfillmentId']);
  const now = core.clock.now();
  const happenedAt = input.happenedAt ? Date.parse(input.happenedAt) : now;
  const eventId = core.ids.next();
  f.events.push({
    id: eventId,
    status: input.status,
    message: input.message ?? null,
    happenedAt,
    createdAt: now,
    city: input.city ?? null,
    province: input.province ?? null,
    country: input.country ?? null,
    zip: input.zip ?? null,
    address1: input.address1 ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    estimatedDeliveryAt: input.estimatedDeliveryAt ? Date.parse(input.estimatedDeliveryAt) : null,
  });
  f.displayStatus = input.status;
  f.shipmentStatus = input.status;
  if (input.status === 'IN_TRANSIT' && f.inTransitAt === null) f.inTransitAt = happenedAt;
  if (input.status === 'DELIVERED') f.deliveredAt = happenedAt;
  if (input.estimatedDeliveryAt) f.estimatedDeliveryAt = Date.parse(input.estimatedDeliveryAt);
  f.updatedAt = now;
  core.events.emit(shop, 'fulfillments/update', () => fulfillmentPayload(shop, f));
  return ok({ fulfillment: f, eventId });
}
