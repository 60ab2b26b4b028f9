import { createPrng, type Prng } from '../core/prng.js';
import type { ShopifySim } from '../create-sim.js';
import { cancelOrder } from '../ops/order-cancel.js';
import { createFulfillment, createFulfillmentEvent } from '../ops/fulfillments.js';
import { placeOrder } from '../ops/place-order.js';
import type { SimOrder, SimShop } from '../state/types.js';
import { frenchCatalog } from './catalog-fr.js';
import { DEMO_LOCATIONS, SEED_COUNTRIES, type SeedCountry } from './geo-eu.js';

/** Knobs of the demo seed; the defaults give the documented demo shop. */
export interface SeedDemoOptions {
  domain?: string;
  /** PRNG seed: the same seed gives the same shop. */
  seed?: number;
  orders?: number;
  /** Orders are spread over this many past days (kept under Shopify's 60-day window). */
  days?: number;
  /** Install the app once seeded (history was there before the app, so no webhooks fire). Default true. */
  install?: boolean;
}

/** What was seeded. */
export interface SeedDemoSummary {
  shop: string;
  products: number;
  variants: number;
  locations: number;
  locationIds: number[];
  orders: number;
  cancelled: number;
  fulfilled: number;
  unfulfilled: number;
}

const DAY = 86_400_000;

function pickCountry(prng: Prng): SeedCountry {
  const total = SEED_COUNTRIES.reduce((s, c) => s + c.weight, 0);
  let r = prng.next() * total;
  for (const c of SEED_COUNTRIES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return SEED_COUNTRIES[0] as SeedCountry;
}

function digits(prng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(prng.int(0, 9));
  return s;
}

function trackingNumber(prng: Prng, carrier: string): string {
  switch (carrier) {
    case 'Colissimo':
      return `6A${digits(prng, 11)}`;
    case 'DHL':
      return `JJD00${digits(prng, 16)}`;
    case 'bpost':
      return `3232${digits(prng, 20)}`;
    case 'Correos':
      return `PQ4F6P0${digits(prng, 12)}`;
    case 'BRT':
      return digits(prng, 12);
    default:
      return `3S${String.fromCharCode(65 + prng.int(0, 25))}${String.fromCharCode(65 + prng.int(0, 25))}${digits(prng, 9)}`;
  }
}

interface Customer {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address1: string;
  city: string;
  zip: string;
  province?: string;
  provinceCode?: string;
  lat: number;
  lon: number;
  country: SeedCountry;
}

function newCustomer(prng: Prng, country: SeedCountry, n: number): Customer {
  const city = prng.pick(country.cities);
  const firstName = prng.pick(country.firstNames);
  const lastName = prng.pick(country.lastNames);
  const local = `${firstName}.${lastName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return {
    firstName,
    lastName,
    email: `${local}${n}@example.com`,
    phone: `${country.phonePrefix} ${digits(prng, 2)} ${digits(prng, 2)} ${digits(prng, 2)} ${digits(prng, 2)}`,
    address1: `${prng.int(1, 140)} ${prng.pick(country.streets)}`,
    city: city.city,
    zip: city.zip,
    province: city.province,
    provinceCode: city.provinceCode,
    // jitter within the city so addresses are not stacked on one point
    lat: Math.round((city.lat + (prng.next() - 0.5) * 0.04) * 1e6) / 1e6,
    lon: Math.round((city.lon + (prng.next() - 0.5) * 0.06) * 1e6) / 1e6,
    country,
  };
}

function backdate(shop: SimShop, order: SimOrder, at: number): void {
  order.updatedAt = at;
  for (const id of order.fulfillmentOrderIds) {
    const fo = shop.fulfillmentOrders.get(id);
    if (fo) fo.updatedAt = at;
  }
}

/**
 * Seeds the demo merchant: demo-fr.myshopify.com (EUR, fr, Europe/Paris), 40 products, three
 * warehouses (Paris, Lyon, Lille) with stock, and a few hundred orders over the last weeks to
 * FR/BE/DE/ES/IT/NL addresses — some cancelled, most fulfilled with tracking. Deterministic for a seed.
 */
export function seedDemoShop(sim: ShopifySim, opts: SeedDemoOptions = {}): SeedDemoSummary {
  const prng = createPrng(opts.seed ?? 2026);
  const domain = opts.domain ?? 'demo-fr.myshopify.com';
  const core = sim.core;
  sim.control.createShop({
    domain,
    name: 'Maison Lumière',
    email: 'contact@maison-lumiere.example',
    plan: 'plus',
    currency: 'EUR',
    locale: 'fr',
    timezone: 'Europe/Paris',
    installed: false,
    address: {
      firstName: 'Claire',
      lastName: 'Lumière',
      address1: '18 Rue du Faubourg Saint-Antoine',
      city: 'Paris',
      zip: '75012',
      countryCode: 'FR',
      latitude: 48.8519,
      longitude: 2.3735,
      phone: '+33 1 43 00 00 00',
    },
  });
  const shop = sim.shop(domain);
  const products = sim.control.addProducts(domain, frenchCatalog('Maison Lumière'));
  const locations = DEMO_LOCATIONS.map((l) => sim.control.createLocation(domain, l));
  const [paris, lyon, lille] = locations;
  for (const p of products) {
    for (const v of p.variants) {
      if (paris) sim.control.setStock(domain, { sku: v.sku, locationId: paris.id, available: prng.int(30, 120) });
      if (lyon && prng.chance(0.7))
        sim.control.setStock(domain, { sku: v.sku, locationId: lyon.id, available: prng.int(10, 60) });
      if (lille && prng.chance(0.55))
        sim.control.setStock(domain, { sku: v.sku, locationId: lille.id, available: prng.int(5, 40) });
    }
  }
  const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
  const total = opts.orders ?? 320;
  const days = Math.min(opts.days ?? 56, 59);
  const now = core.clock.now();
  const customers: Customer[] = [];
  let cancelled = 0;
  let fulfilled = 0;
  for (let i = 0; i < total; i++) {
    const at = now - days * DAY + Math.floor(((i + prng.next()) / total) * days * DAY);
    const reuse = customers.length > 20 && prng.chance(0.3);
    const customer = reuse ? prng.pick(customers) : newCustomer(prng, pickCountry(prng), customers.length + 1);
    if (!reuse) customers.push(customer);
    const lineCount = prng.chance(0.5) ? 1 : prng.chance(0.6) ? 2 : prng.chance(0.6) ? 3 : 4;
    const chosen = new Set<string>();
    while (chosen.size < lineCount) chosen.add(prng.pick(skus));
    const paid = prng.chance(0.95);
    const result = placeOrder(core, shop, {
      createdAt: at,
      allowOversell: true,
      financialStatus: paid ? 'paid' : 'pending',
      email: customer.email,
      phone: customer.phone,
      customer: {
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        phone: customer.phone,
      },
      shippingAddress: {
        firstName: customer.firstName,
        lastName: customer.lastName,
        address1: customer.address1,
        city: customer.city,
        zip: customer.zip,
        province: customer.province ?? null,
        provinceCode: customer.provinceCode ?? null,
        countryCode: customer.country.code,
        phone: customer.phone,
        latitude: customer.lat,
        longitude: customer.lon,
      },
      shippingLine:
        customer.country.code === 'FR'
          ? { title: 'Colissimo - Livraison à domicile', code: 'colissimo', price: '4.90' }
          : { title: 'Livraison Europe', code: 'europe', price: '9.90' },
      lines: [...chosen].map((sku) => ({ sku, quantity: prng.chance(0.8) ? 1 : prng.chance(0.85) ? 2 : 3 })),
      tags: prng.chance(0.1) ? ['VIP'] : [],
    });
    if (!result.ok) throw new Error(`demo seed: ${result.errors.map((e) => e.message).join('; ')}`);
    const order = result.value;
    const age = (now - at) / DAY;
    if (age > 3 && prng.chance(0.06)) {
      const c = cancelOrder(core, shop, {
        orderId: order.id,
        reason: prng.pick(['CUSTOMER', 'INVENTORY', 'FRAUD']),
        restock: true,
      });
      if (c.ok) {
        order.cancelledAt = at + 6 * 3_600_000;
        order.closedAt = order.cancelledAt;
        backdate(shop, order, order.cancelledAt);
        cancelled++;
      }
      continue;
    }
    if (!paid || age < 1.5) continue;
    const shippedAt = at + prng.int(4, 30) * 3_600_000;
    for (const foId of [...order.fulfillmentOrderIds]) {
      const carrier = customer.country.carrier;
      const f = createFulfillment(core, shop, {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }],
        trackingInfo: { company: carrier, number: trackingNumber(prng, carrier) },
        notifyCustomer: true,
      });
      if (!f.ok) continue;
      const fulfillment = f.value;
      fulfillment.createdAt = shippedAt;
      fulfillment.updatedAt = shippedAt;
      const transit = shippedAt + prng.int(6, 20) * 3_600_000;
      if (now > transit)
        createFulfillmentEvent(core, shop, {
          fulfillmentId: fulfillment.id,
          status: 'IN_TRANSIT',
          happenedAt: new Date(transit).toISOString(),
        });
      const delivered = transit + prng.int(18, 72) * 3_600_000;
      if (now > delivered)
        createFulfillmentEvent(core, shop, {
          fulfillmentId: fulfillment.id,
          status: 'DELIVERED',
          happenedAt: new Date(delivered).toISOString(),
        });
      for (const e of fulfillment.events) e.createdAt = e.happenedAt;
      fulfillment.updatedAt = fulfillment.events.at(-1)?.happenedAt ?? shippedAt;
    }
    backdate(shop, order, shippedAt);
    fulfilled++;
  }
  if (opts.install !== false) sim.control.installApp(domain);
  return {
    shop: shop.domain,
    products: products.length,
    variants: skus.length,
    locations: locations.length,
    locationIds: locations.map((l) => l.id),
    orders: total,
    cancelled,
    fulfilled,
    unfulfilled: total - cancelled - fulfilled,
  };
}
