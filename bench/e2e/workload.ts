import type { ShopifySim } from '../../sim/shopify/index.js';
import { HOT, REGULAR, SHOP } from './flash-shop.js';
import type { MarketplaceKind, Marketplaces } from './marketplaces.js';

const CITIES = [
  { city: 'Paris', zip: '75011', lat: 48.859, lon: 2.38 },
  { city: 'Lyon', zip: '69003', lat: 45.76, lon: 4.85 },
  { city: 'Lille', zip: '59000', lat: 50.63, lon: 3.06 },
  { city: 'Marseille', zip: '13001', lat: 43.3, lon: 5.37 },
  { city: 'Nantes', zip: '44000', lat: 47.22, lon: -1.55 },
  { city: 'Bordeaux', zip: '33000', lat: 44.84, lon: -0.58 },
  { city: 'Bruxelles', zip: '1000', lat: 50.85, lon: 4.35, country: 'BE' },
];

/** Each order: its gid and the instant it was scheduled (latencies count from the schedule). */
export interface Placed {
  gid: string;
  scheduledAt: number;
}

/** An order placed on a marketplace simulator: its id there and when it was scheduled. */
export interface MarketPlaced {
  kind: MarketplaceKind;
  orderId: string;
  scheduledAt: number;
}

/**
 * Open-loop arrivals: orders are placed on a fixed schedule whatever the system does, so a slow
 * system cannot hide its delay by slowing the generator. 80% of lines go to 3 hot SKUs.
 */
export async function runArrivals(
  sim: ShopifySim,
  ratePerSecond: number,
  seconds: number,
  seed = 1,
): Promise<Placed[]> {
  return (await runMixedArrivals(sim, null, ratePerSecond, seconds, seed)).shopify;
}

/**
 * The same arrivals with every tenth order placed on a marketplace instead of Shopify, alternately
 * on the Mirakl operator and on Amazon (Amazon's share capped to what its usage plan reads).
 */
export async function runMixedArrivals(
  sim: ShopifySim,
  marketplaces: Marketplaces | null,
  ratePerSecond: number,
  seconds: number,
  seed = 1,
): Promise<{ shopify: Placed[]; marketplace: MarketPlaced[] }> {
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const placed: Placed[] = [];
  const marketplace: MarketPlaced[] = [];
  let onAmazon = 0;
  const total = Math.round(ratePerSecond * seconds);
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const scheduledAt = start + (i * 1000) / ratePerSecond;
    const wait = scheduledAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c = CITIES[Math.floor(rnd() * CITIES.length)]!;
    const lines = [
      {
        sku: rnd() < 0.8 ? HOT[Math.floor(rnd() * HOT.length)]! : REGULAR[Math.floor(rnd() * REGULAR.length)]!,
        quantity: 1,
      },
    ];
    if (rnd() < 0.2)
      lines.push({ sku: REGULAR[Math.floor(rnd() * REGULAR.length)]!, quantity: 1 + Math.floor(rnd() * 2) });
    if (marketplaces && i % 10 === 9) {
      const amazonBudget = 1 + ((scheduledAt - start) / 1000) * marketplaces.amazonMaxPerSecond;
      const kind = i % 20 === 19 && onAmazon < amazonBudget ? 'amazon' : 'mirakl';
      if (kind === 'amazon') onAmazon++;
      // marketplaces here sell in France only
      const fr = c.country ? CITIES[0]! : c;
      marketplace.push({ kind, orderId: marketplaces.place(kind, i, lines, fr.zip, fr.city), scheduledAt });
      continue;
    }
    const o = sim.control.placeOrder(SHOP, {
      lines,
      financialStatus: 'paid',
      allowOversell: true,
      shippingAddress: {
        firstName: 'Client',
        lastName: `N${i}`,
        address1: `${i} rue du Test`,
        city: c.city,
        zip: c.zip,
        countryCode: c.country ?? 'FR',
        latitude: c.lat,
        longitude: c.lon,
      },
    });
    placed.push({ gid: o.gid, scheduledAt });
  }
  return { shopify: placed, marketplace };
}
