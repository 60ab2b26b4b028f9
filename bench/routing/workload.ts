import {
  addDays,
  deliveryDateAfter,
  isoWeekday,
  nextShipSlot,
  zonedTimeToUtcMs,
  type RoutingOrder,
} from '../../core/domain/routing/index.js';
import { countryShares, placesByCountry } from './places.js';
import { createRng, type Rng } from './prng.js';
import { checkoutPromise, sites, stocking } from './scenario.js';

/** An order of the workload: always with coordinates and a checkout promise. */
export interface BenchOrder extends RoutingOrder {
  deliverBy: string;
}

/** A SKU of the catalogue. */
export interface CatalogueItem {
  sku: string;
  price: number;
  /** Probability that a line is this SKU. */
  popularity: number;
}

/** Units per SKU, per warehouse id. */
export type StockBook = Record<string, Record<string, number>>;

/** Stock that arrives at every warehouse at one instant. */
export interface Inbound {
  at: string;
  stock: StockBook;
}

/** Everything one bench run routes. */
export interface Workload {
  orders: BenchOrder[];
  catalogue: CatalogueItem[];
  initialStock: StockBook;
  inbounds: Inbound[];
}

/** Options of the generator. */
export interface WorkloadOptions {
  orders: number;
  seed: string | number;
  /** Local date (Paris) of the first day; a Monday. */
  startDate?: string;
  days?: number;
  skus?: number;
}

const LINE_COUNTS = [
  [1, 0.6],
  [2, 0.22],
  [3, 0.09],
  [4, 0.045],
  [5, 0.025],
  [6, 0.01],
  [7, 0.005],
  [8, 0.005],
] as const;
const QUANTITIES = [
  [1, 0.84],
  [2, 0.11],
  [3, 0.035],
  [4, 0.015],
] as const;
const CHANNELS = [
  ['shopify', 0.8],
  ['amazon', 0.1],
  ['mirakl', 0.06],
  ['ebay', 0.04],
] as const;
/** Orders per local hour (Paris): a lunchtime bump and an evening peak. */
const HOURS = [
  0.6, 0.3, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.2, 3.2, 3.8, 4.2, 4.8, 4.9, 4.5, 4.2, 4.0, 4.2, 4.8, 5.6, 6.4, 6.6, 5.0,
  2.5,
];
/** Orders per ISO weekday (Monday = index 0). */
const WEEKDAYS = [1.15, 1.0, 1.0, 0.95, 0.9, 0.85, 1.15];

const expected = (dist: readonly (readonly [number, number])[]): number => dist.reduce((s, [v, p]) => s + v * p, 0);

function catalogueOf(rng: Rng, n: number): CatalogueItem[] {
  const zipf = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = zipf.reduce((s, x) => s + x, 0);
  return zipf.map((w, i) => ({
    sku: `SKU-${String(i + 1).padStart(4, '0')}`,
    price: Math.round(Math.min(180, Math.max(6, 29 * Math.exp(0.6 * rng.normal()))) * 100) / 100,
    popularity: w / total,
  }));
}

function placedTimes(rng: Rng, n: number, startDate: string, days: number): number[] {
  const dayList = Array.from({ length: days }, (_, d) => addDays(startDate, d));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const date = rng.weighted(dayList, (d) => WEEKDAYS[isoWeekday(d) - 1]!);
    const hour = rng.weighted(
      HOURS.map((_, h) => h),
      (h) => HOURS[h]!,
    );
    times.push(zonedTimeToUtcMs(date, hour * 60 + rng.int(0, 59), 'Europe/Paris') + rng.int(0, 59) * 1000);
  }
  return times.sort((a, b) => a - b);
}

function promisedDate(placedAt: string, country: string, postalCode: string): string {
  const slot = nextShipSlot(checkoutPromise.calendar, placedAt);
  if (!slot.ok) throw new Error(`checkout calendar: ${slot.reason}`);
  return deliveryDateAfter(
    checkoutPromise.calendar,
    slot.slot.shipDate,
    checkoutPromise.transitDays(country, postalCode),
  );
}

function stockOf(rng: Rng, catalogue: CatalogueItem[], orders: number): { initial: StockBook; inbound: StockBook } {
  const unitsPerSkuDraw = orders * expected(LINE_COUNTS) * expected(QUANTITIES);
  const initial: StockBook = {};
  const inbound: StockBook = {};
  for (const site of sites) {
    initial[site.id] = {};
    inbound[site.id] = {};
  }
  catalogue.forEach((item, rank) => {
    let holders = sites.filter((s) => rank < stocking[s.id]!.assortment * catalogue.length || rng.next() < 0.15);
    if (holders.length === 0) holders = [sites[rng.int(0, sites.length - 1)]!];
    const shareSum = holders.reduce((s, h) => s + stocking[h.id]!.share, 0);
    // Supply is uncertain: some SKUs are bought short, some long.
    const supply = Math.exp(0.3 * rng.normal());
    const demand = unitsPerSkuDraw * item.popularity;
    for (const h of holders) {
      const share = (stocking[h.id]!.share / shareSum) * demand * supply;
      initial[h.id]![item.sku] = Math.round(share * 0.65);
      inbound[h.id]![item.sku] = Math.round(share * 0.6);
    }
  });
  return { initial, inbound };
}

/**
 * A deterministic workload: orders over `days` days from French and other EU addresses (real
 * postal codes and coordinates, jittered a few km), baskets mostly of one line with a long tail,
 * a Zipf catalogue with a few hot SKUs, stock spread over the four sites with a mid-run inbound.
 */
export function generateWorkload(options: WorkloadOptions): Workload {
  const rng = createRng(options.seed);
  const startDate = options.startDate ?? '2026-05-04';
  const days = options.days ?? 14;
  const catalogue = catalogueOf(rng, options.skus ?? 300);
  const countries = Object.keys(countryShares);
  const orders: BenchOrder[] = placedTimes(rng, options.orders, startDate, days).map((t, i) => {
    const country = rng.weighted(countries, (c) => countryShares[c]!);
    const place = rng.weighted(placesByCountry[country]!, (p) => p.weight);
    const postalCode = place.postalCodes[rng.int(0, place.postalCodes.length - 1)]!;
    const lineCount = rng.weighted(LINE_COUNTS, ([, p]) => p)[0];
    const skus = new Set<CatalogueItem>();
    while (skus.size < lineCount) skus.add(rng.weighted(catalogue, (c) => c.popularity));
    const placedAt = new Date(t).toISOString();
    return {
      id: `B-${String(i + 1).padStart(6, '0')}`,
      channel: rng.weighted(CHANNELS, ([, p]) => p)[0],
      placedAt,
      shippingAddress: {
        countryCode: country,
        postalCode,
        latitude: Math.round((place.latitude + 0.06 * rng.normal()) * 1e4) / 1e4,
        longitude: Math.round((place.longitude + 0.08 * rng.normal()) * 1e4) / 1e4,
      },
      lines: [...skus].map((item, j) => ({
        lineId: `${i + 1}-${j + 1}`,
        sku: item.sku,
        quantity: rng.weighted(QUANTITIES, ([, p]) => p)[0],
        unitPrice: item.price,
      })),
      serviceLevel: 'standard',
      deliverBy: promisedDate(placedAt, country, postalCode),
    };
  });
  const { initial, inbound } = stockOf(rng, catalogue, options.orders);
  const inboundAt = new Date(zonedTimeToUtcMs(addDays(startDate, 7), 6 * 60, 'Europe/Paris')).toISOString();
  return { orders, catalogue, initialStock: initial, inbounds: [{ at: inboundAt, stock: inbound }] };
}
