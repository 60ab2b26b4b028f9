import fc from 'fast-check';
import type { RoutingRule } from './rules.js';
import type { RoutingOrder, RoutingWarehouse } from './types.js';

/** SKUs used by the generated orders and stock; `*-ALT` ones serve as substitutes. */
export const SKUS = ['A', 'B', 'C', 'D', 'A-ALT', 'B-ALT'] as const;
const ORDER_SKUS = ['A', 'B', 'C', 'D'] as const;
const COUNTRIES = ['FR', 'BE', 'DE', 'ES', 'IT'] as const;
const TIME_ZONES = ['Europe/Paris', 'Europe/Madrid', 'Europe/London', 'America/New_York', 'Asia/Tokyo'] as const;
const ZONE_CODES = ['Z1', 'Z2', 'Z3'] as const;

const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const mayDate = fc.integer({ min: 1, max: 31 }).map((d) => `2026-05-${String(d).padStart(2, '0')}`);
const latitude = fc.double({ min: 36, max: 55, noNaN: true });
const longitude = fc.double({ min: -9, max: 15, noNaN: true });

const zone = fc.record({
  countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES, 'FR', 'FR'), { minLength: 1, maxLength: 4 }),
  postalPrefixes: fc.option(
    fc.uniqueArray(fc.constantFrom('1', '2', '7', '75', '69'), { minLength: 1, maxLength: 2 }),
    { nil: undefined, freq: 3 },
  ),
});

/** A warehouse with random calendar, zones, costs, capacity and stock; `id` is supplied. */
export function warehouseArb(id: string): fc.Arbitrary<RoutingWarehouse> {
  return fc
    .record({
      timeZone: fc.constantFrom(...TIME_ZONES),
      cutoffTime: clock,
      workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 7 }),
      holidays: fc.uniqueArray(mayDate, { maxLength: 3 }),
      zones: fc.array(zone, { minLength: 1, maxLength: 3 }),
      transit: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      costs: fc.array(fc.option(fc.double({ min: 1, max: 30, noNaN: true }), { nil: undefined, freq: 6 }), {
        minLength: 3,
        maxLength: 3,
      }),
      coords: fc.option(fc.tuple(latitude, longitude), { nil: undefined, freq: 5 }),
      capacity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 2 }),
      usedToday: fc.integer({ min: 0, max: 3 }),
      priority: fc.integer({ min: 0, max: 3 }),
      stock: fc.dictionary(fc.constantFrom(...SKUS), fc.integer({ min: 0, max: 8 }), { minKeys: 2 }),
    })
    .map((r) => {
      // The first zone always covers France country-wide, so most orders have somewhere to go.
      const zones = r.zones.map((z, i) =>
        i === 0
          ? { code: ZONE_CODES[i]!, countries: [...new Set(['FR', ...z.countries])] }
          : {
              code: ZONE_CODES[i]!,
              countries: [...z.countries],
              ...(z.postalPrefixes ? { postalPrefixes: z.postalPrefixes } : {}),
            },
      );
      const transitDays = Object.fromEntries(zones.map((z, i) => [z.code, r.transit[i]!]));
      const costs = Object.fromEntries(
        zones.flatMap((z, i) => (r.costs[i] === undefined ? [] : [[z.code, r.costs[i]!]])),
      );
      return {
        id,
        name: `Warehouse ${id}`,
        countryCode: 'FR',
        latitude: r.coords?.[0] ?? null,
        longitude: r.coords?.[1] ?? null,
        timeZone: r.timeZone,
        cutoffTime: r.cutoffTime,
        workingDays: r.workingDays,
        holidays: r.holidays,
        zones,
        serviceLevels: [{ code: 'standard', name: 'Standard', transitDays }],
        costs,
        dailyCapacity: r.capacity,
        usedToday: r.usedToday,
        priority: r.priority,
        stock: r.stock,
      };
    });
}

/** 1–5 warehouses with distinct ids. */
export const warehousesArb: fc.Arbitrary<RoutingWarehouse[]> = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => warehouseArb(`w${i}`))));

/** An order with 1–5 lines (SKUs may repeat across lines) on any channel. */
export const orderArb: fc.Arbitrary<RoutingOrder> = fc
  .record({
    channel: fc.constantFrom('shopify', 'shopify', 'amazon', 'ebay', 'mirakl'),
    country: fc.constantFrom(...COUNTRIES, 'FR', 'FR'),
    postal: fc.constantFrom('75011', '69003', '10115', '28001', '1000', '20090'),
    coords: fc.option(fc.tuple(latitude, longitude), { nil: undefined, freq: 4 }),
    lines: fc.array(
      fc.record({
        sku: fc.constantFrom(...ORDER_SKUS),
        quantity: fc.integer({ min: 1, max: 6 }),
        unitPrice: fc.integer({ min: 0, max: 100 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    placedAt: fc.integer({ min: Date.UTC(2026, 4, 1), max: Date.UTC(2026, 4, 31) }),
    deliverBy: fc.option(mayDate, { nil: undefined }),
    allowSubstitution: fc.boolean(),
  })
  .map((r) => ({
    id: 'o-prop',
    channel: r.channel,
    placedAt: new Date(r.placedAt).toISOString(),
    shippingAddress: {
      countryCode: r.country,
      postalCode: r.postal,
      latitude: r.coords?.[0] ?? null,
      longitude: r.coords?.[1] ?? null,
    },
    lines: r.lines.map((l, i) => ({ lineId: `l${i}`, ...l })),
    deliverBy: r.deliverBy ?? null,
    allowSubstitution: r.allowSubstitution,
  }));

/** An instant in May 2026 (Europe's clocks are on summer time all month). */
export const nowArb: fc.Arbitrary<Date> = fc
  .integer({ min: Date.UTC(2026, 4, 1), max: Date.UTC(2026, 4, 31) })
  .map((t) => new Date(t));

const pool: fc.Arbitrary<RoutingRule>[] = [
  fc.record(
    {
      kind: fc.constant('eligibility' as const),
      warehouses: fc.option(fc.uniqueArray(fc.constantFrom('w0', 'w1', 'w2', 'w3', 'w4'), { minLength: 1 }), {
        nil: undefined,
      }),
      countries: fc.option(fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1 }), { nil: undefined }),
      skuExclude: fc.option(fc.uniqueArray(fc.constantFrom(...SKUS), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record({ kind: fc.constant('capacity' as const), whenFull: fc.constantFrom('reject' as const, 'defer' as const) }),
  fc.record({ kind: fc.constant('stock' as const) }),
  fc.record(
    {
      kind: fc.constant('proximity' as const),
      toleranceKm: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record(
    {
      kind: fc.constant('promise' as const),
      mode: fc.constantFrom('meet_deadline' as const, 'earliest' as const),
      toleranceDays: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    },
    { requiredKeys: ['kind', 'mode'] },
  ),
  fc.record(
    {
      kind: fc.constant('cost' as const),
      tolerancePct: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record({ kind: fc.constant('priority' as const) }),
  fc.oneof(
    fc.record(
      {
        kind: fc.constant('split' as const),
        policy: fc.constantFrom('never' as const, 'allowed' as const),
        minPartValue: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      },
      { requiredKeys: ['kind', 'policy'] },
    ),
    fc.record({
      kind: fc.constant('split' as const),
      policy: fc.constant('max_shipments' as const),
      maxShipments: fc.integer({ min: 1, max: 3 }),
    }),
  ),
  fc.oneof(
    fc.record({
      kind: fc.constant('backorder' as const),
      policy: fc.constantFrom('hold' as const, 'partial' as const),
    }),
    fc.record({
      kind: fc.constant('backorder' as const),
      policy: fc.constant('cancel_after_days' as const),
      cancelAfterDays: fc.integer({ min: 0, max: 30 }),
    }),
  ),
  fc.boolean().map((requireConsent): RoutingRule => ({
    kind: 'substitution',
    requireConsent,
    equivalents: [
      { sku: 'A', substitutes: ['A-ALT'] },
      { sku: 'B', substitutes: ['B-ALT', 'A'] },
    ],
  })),
];

/** A random selection of rules (at most one of each kind), in random order. */
export const rulesArb: fc.Arbitrary<RoutingRule[]> = fc
  .shuffledSubarray(pool, { minLength: 0 })
  .chain((arbs) => (arbs.length === 0 ? fc.constant([] as RoutingRule[]) : fc.tuple(...arbs)))
  .chain((rules) => fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }));
