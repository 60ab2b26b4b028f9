import { and, eq, inArray, sql } from 'drizzle-orm';
import { allocations, orders, shipments } from '../../drizzle/schema/index.js';
import type { TestContext } from '../helpers/test-context.js';
import { createManualClock, type ShopifySim } from '../../sim/shopify/index.js';
import { createThreePlRobot } from '../../sim/3pl/robot.js';
import type { DemoWarehouse } from '../../demo/setup-demo-shop.js';
import { waitFor } from '../helpers/wait.js';

/** Customers of the live orders: cities near each warehouse, so the rules have real choices to make. */
const CUSTOMERS = [
  {
    firstName: 'Camille',
    lastName: 'Martin',
    address1: '12 Rue Oberkampf',
    city: 'Paris',
    zip: '75011',
    countryCode: 'FR',
    latitude: 48.865,
    longitude: 2.377,
  },
  {
    firstName: 'Hugo',
    lastName: 'Bernard',
    address1: '4 Quai Perrache',
    city: 'Lyon',
    zip: '69002',
    countryCode: 'FR',
    latitude: 45.75,
    longitude: 4.827,
  },
  {
    firstName: 'Léa',
    lastName: 'Petit',
    address1: '9 Rue Nationale',
    city: 'Lille',
    zip: '59000',
    countryCode: 'FR',
    latitude: 50.636,
    longitude: 3.063,
  },
  {
    firstName: 'Lucas',
    lastName: 'Dubois',
    address1: '31 Cours Julien',
    city: 'Marseille',
    zip: '13006',
    countryCode: 'FR',
    latitude: 43.294,
    longitude: 5.383,
  },
  {
    firstName: 'Emma',
    lastName: 'Janssens',
    address1: 'Rue Neuve 20',
    city: 'Bruxelles',
    zip: '1000',
    countryCode: 'BE',
    latitude: 50.851,
    longitude: 4.356,
  },
  {
    firstName: 'Chloé',
    lastName: 'Moreau',
    address1: '7 Rue Sainte-Catherine',
    city: 'Bordeaux',
    zip: '33000',
    countryCode: 'FR',
    latitude: 44.84,
    longitude: -0.574,
  },
  {
    firstName: 'Jules',
    lastName: 'Laurent',
    address1: '2 Place Kléber',
    city: 'Strasbourg',
    zip: '67000',
    countryCode: 'FR',
    latitude: 48.583,
    longitude: 7.745,
  },
  {
    firstName: 'Inès',
    lastName: 'Garcia',
    address1: '15 Rue de Rivoli',
    city: 'Paris',
    zip: '75004',
    countryCode: 'FR',
    latitude: 48.856,
    longitude: 2.358,
  },
];

/** What the harness needs to play a working day. */
export interface LiveDayInput {
  sim: ShopifySim;
  t: TestContext;
  appUrl: string;
  shop: string;
  shopId: number;
  warehouses: DemoWarehouse[];
}

/**
 * Gives the seeded shop a working day: customers check out, the app routes their orders, each
 * warehouse's 3PL robot (through the public feed only) acknowledges what it is given, ships half
 * of it, and reports a first carrier scan. The robots run on a manual clock ticked here, so the
 * pages show a settled state while the tests look at them. Returns the new orders' names.
 */
export async function playLiveDay(d: LiveDayInput): Promise<string[]> {
  const db = d.t.ctx.db;
  const skus = d.sim.control
    .listProducts(d.shop)
    .flatMap((p) => p.variants.map((v) => v.sku))
    .filter((s): s is string => !!s);
  const names = CUSTOMERS.map((c, i) => {
    const lines = [
      { sku: skus[(i * 7) % skus.length]!, quantity: 1 + (i % 2) },
      ...(i % 3 === 0 ? [{ sku: skus[(i * 11 + 3) % skus.length]!, quantity: 1 }] : []),
    ];
    // checkouts spread over the last hours, so the hand-over times look like a working morning
    const createdAt = Date.now() - (CUSTOMERS.length - i) * 23 * 60_000;
    return d.sim.control.placeOrder(d.shop, {
      lines,
      financialStatus: 'paid',
      email: `${c.firstName.toLowerCase()}@example.com`,
      shippingAddress: c,
      createdAt,
    }).name;
  });
  const dispatched = async () => {
    const rows = await db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(and(eq(orders.shopId, d.shopId), inArray(orders.name, names)));
    if (rows.length < names.length || rows.some((r) => r.status === 'pending')) return false;
    const waiting = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(allocations)
      .where(
        and(
          eq(allocations.shopId, d.shopId),
          inArray(
            allocations.orderId,
            rows.map((r) => r.id),
          ),
          eq(allocations.status, 'reserved'),
        ),
      );
    return Number(waiting[0]?.n ?? 1) === 0;
  };
  await waitFor('the live orders to be routed and handed to the 3PLs', dispatched, 30_000);

  const clock = createManualClock(Date.now());
  const robots = d.warehouses.map((w, i) =>
    createThreePlRobot({
      appUrl: d.appUrl,
      apiKey: w.apiKey,
      name: w.name,
      clock,
      seed: `browser-${i}`,
      retry: { attempts: 3, baseMs: 20, maxMs: 200, timeoutMs: 5_000 },
      // every other allocation leaves within the minute, the rest tomorrow: the pages show both
      shipDelayMs: (ctx) => (ctx.allocationId % 2 === 0 ? 60_000 : 86_400_000),
      partialShipRate: 0,
      trackingEventsSchedule: {
        inTransitAfterMs: 30_000,
        outForDeliveryAfterMs: 3_600_000,
        deliveredAfterMs: 7_200_000,
        exceptionRate: 0,
        timeScale: 1,
      },
      inventory: { onHand: 'track', snapshotEveryMs: null },
    }),
  );
  const tickAll = async () => {
    for (const r of robots) await r.tick();
  };
  await tickAll();
  clock.advance(61_000);
  await tickAll();
  clock.advance(31_000);
  await tickAll();
  const shipped = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(shipments)
    .where(eq(shipments.shopId, d.shopId));
  if (Number(shipped[0]?.n ?? 0) > 0) {
    await waitFor(
      'tracking to reach Shopify',
      async () => {
        const open = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(shipments)
          .where(and(eq(shipments.shopId, d.shopId), eq(shipments.pushStatus, 'pending')));
        return Number(open[0]?.n ?? 1) === 0;
      },
      30_000,
    );
  }
  return names;
}
