import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryMovements, orders, stockLevels } from '../../drizzle/schema/index.js';
import { carrierTable } from '../../core/domain/carriers/index.js';
import { cancelOrderAllocations } from '../../core/use-cases/routing/cancel-order-allocations.js';
import { createManualClock } from '../shopify/core/clock.js';
import { threePlCommand } from './cli.js';
import { createThreePlRobot } from './robot.js';
import {
  allocationRow,
  allocationsOfOrder,
  eventsOf,
  placeOrder,
  seedShopWithWarehouses,
  shipmentsOf,
  startRealApp,
  until,
  type RealApp,
} from '../../test/helpers/real-app.js';

const companies = new Set(Object.values(carrierTable).map((c) => c.shopifyCompany));
const fast = { baseMs: 5, maxMs: 20 };

describe('3PL robot, pull mode, against the real app', () => {
  let r: RealApp;
  beforeAll(async () => {
    r = await startRealApp({ workers: ['route', 'dispatch'] });
  });
  afterAll(async () => {
    await r.close();
  });

  it('hears of a new allocation through the long poll, not its poll interval', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { CAP: 5 } });
    const robot = createThreePlRobot({
      appUrl: r.url,
      apiKey: shop.warehouses[0]!.key,
      pollIntervalMs: 600_000,
      shipDelayMs: 600_000,
      retry: fast,
      inventory: { onHand: { CAP: 5 } },
    });
    await robot.start();
    try {
      // the first cycle ran at start; the next one is ten minutes away
      await until('the first cycle', async () => robot.stats().polled === 1);
      await new Promise((res) => setTimeout(res, 300));
      const {
        allocationIds: [id],
      } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'CAP', quantity: 1 }] });
      const ready = Date.now();
      // the app commits before it answers: the robot counts the acknowledgement once the answer is in
      await until(
        'the acknowledgement',
        async () => (await allocationRow(t, id!)).status === 'acknowledged' && robot.stats().acknowledged === 1,
        undefined,
        5_000,
      );
      expect(Date.now() - ready).toBeLessThan(1_500);
      expect(robot.stats()).toMatchObject({ polled: 2, acknowledged: 1 });
    } finally {
      await robot.stop();
    }
  });

  it('acknowledges, ships with a tracking number the app recognises, reports scans to delivered, and its count changes nothing', async () => {
    const { t } = r;
    const clock = createManualClock(Date.now());
    const shop = await seedShopWithWarehouses(t, { stock: { 'TEE-M': 10, MUG: 5 } });
    const wh = shop.warehouses[0]!;
    const {
      orderId,
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, {
      lines: [
        { sku: 'TEE-M', quantity: 2 },
        { sku: 'MUG', quantity: 1 },
      ],
    });
    const robot = createThreePlRobot({
      appUrl: r.url,
      apiKey: wh.key,
      clock,
      seed: 'pull-1',
      shipDelayMs: 60_000,
      retry: fast,
      trackingEventsSchedule: {
        inTransitAfterMs: 1_000,
        outForDeliveryAfterMs: 2_000,
        deliveredAfterMs: 3_000,
        exceptionRate: 0,
        timeScale: 1,
      },
      inventory: { onHand: { 'TEE-M': 10, MUG: 5 }, snapshotEveryMs: 3_600_000 },
    });

    await robot.tick();
    expect((await allocationRow(t, id!)).status).toBe('acknowledged');
    expect(robot.stats()).toMatchObject({ polled: 1, leased: 1, acknowledged: 1, shippedParcels: 0 });
    expect(robot.state().book).toEqual({
      'TEE-M': { onHand: 10, committed: 2, shipped: 0 },
      MUG: { onHand: 5, committed: 1, shipped: 0 },
    });

    clock.advance(60_000);
    await robot.tick();
    expect((await allocationRow(t, id!)).status).toBe('shipped');
    const [shipment, ...more] = await shipmentsOf(t, id!);
    expect(more).toEqual([]);
    const parcel = robot.state().jobs[0]!.parcels[0]!;
    expect(shipment!.trackingNumbers).toEqual(parcel.trackingNumbers);
    expect(companies.has(shipment!.carrier!)).toBe(true);
    expect(parcel.appCarrier).toBe(shipment!.carrier);
    expect(shipment!.trackingUrls[0]).toContain(parcel.trackingNumbers[0]);
    expect(robot.stats()).toMatchObject({ shippedParcels: 1, shippedUnits: 3, shippedAllocations: 1 });
    expect(robot.stats().latencies).toEqual([
      expect.objectContaining({ allocationId: id, leaseToAckMs: 0, ackToShipMs: 60_000 }),
    ]);

    clock.advance(3_000);
    await robot.tick();
    const events = await eventsOf(t, shipment!.id);
    expect(events.map((e) => e.status).sort()).toEqual(['delivered', 'in_transit', 'out_for_delivery']);
    expect((await shipmentsOf(t, id!))[0]!.status).toBe('delivered');
    expect((await t.ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('delivered');
    expect(robot.stats().eventsPosted).toBe(3);

    clock.advance(3_600_000);
    await robot.tick();
    const snap = robot.state().lastSnapshot!;
    expect(snap.request.items).toEqual([
      { sku: 'MUG', onHand: 4 },
      { sku: 'TEE-M', onHand: 8 },
    ]);
    expect(snap.result).toMatchObject({ items: 2, corrections: [], unknownSkus: [] });
    const corrections = await t.ctx.db
      .select()
      .from(inventoryMovements)
      .where(and(eq(inventoryMovements.warehouseId, wh.row.id), eq(inventoryMovements.reason, 'snapshot_correction')));
    expect(corrections).toEqual([]);
    const levels = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.warehouseId, wh.row.id));
    expect(levels.map((l) => l.onHand).sort()).toEqual([4, 8]);
  });

  it('reports counting errors as the app sees them when drift is on', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { SOCK: 20 } });
    const wh = shop.warehouses[0]!;
    const robot = createThreePlRobot({
      appUrl: r.url,
      apiKey: wh.key,
      retry: fast,
      inventory: { onHand: { SOCK: 20 }, drift: { rate: 1, maxUnits: 2 } },
    });
    const snap = (await robot.snapshotNow())!;
    const reported = snap.request.items[0]!.onHand;
    expect(reported).not.toBe(20);
    expect(snap.result.corrections).toEqual([
      expect.objectContaining({ sku: 'SOCK', before: 20, after: reported, delta: reported - 20 }),
    ]);
    const [level] = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.warehouseId, wh.row.id));
    expect(level!.onHand).toBe(reported);
  });

  it('refuses what its own book cannot cover, and the app routes the order to another warehouse', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(
      t,
      { stock: { LAMP: 3 }, w: { name: 'Cheap', costs: { FR: 4 } } },
      { stock: { LAMP: 3 }, w: { name: 'Dear', costs: { FR: 9 } } },
    );
    const [a, b] = shop.warehouses as [(typeof shop.warehouses)[0], (typeof shop.warehouses)[0]];
    const {
      orderId,
      allocationIds: [first],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'LAMP', quantity: 2 }] });
    expect((await allocationRow(t, first!)).warehouseId).toBe(a.row.id);

    const robotA = createThreePlRobot({
      appUrl: r.url,
      apiKey: a.key,
      retry: fast,
      shipDelayMs: 0,
      inventory: { onHand: { LAMP: 1 } },
    });
    await robotA.tick();
    expect(robotA.stats()).toMatchObject({ acknowledged: 0, rejected: 1, rejectedFor: { out_of_stock: 1 } });
    const refused = await allocationRow(t, first!);
    expect(refused.status).toBe('rejected');
    expect(refused.rejectReason).toMatch(/^out_of_stock/);
    expect(robotA.state().book.LAMP).toEqual({ onHand: 1, committed: 0, shipped: 0 });

    const rerouted = await until('the order to be routed to the other warehouse and listed', async () =>
      (await allocationsOfOrder(t, shop.shopId, orderId)).find(
        (x) => x.warehouseId === b.row.id && x.status === 'ready',
      ),
    );
    const robotB = createThreePlRobot({ appUrl: r.url, apiKey: b.key, retry: fast, shipDelayMs: 0 });
    await until(
      'the other warehouse to ship it',
      async () => (await allocationRow(t, rerouted.id)).status === 'shipped',
      () => robotB.tick(),
    );
    expect(robotB.stats()).toMatchObject({ acknowledged: 1, shippedUnits: 2 });
  });

  it('reports a failed delivery attempt as an exception, then delivery the next day', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { RUG: 2 } });
    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'RUG', quantity: 1 }] });
    const robot = createThreePlRobot({
      appUrl: r.url,
      apiKey: shop.warehouses[0]!.key,
      retry: fast,
      shipDelayMs: 0,
      trackingEventsSchedule: { exceptionRate: 1, timeScale: 0 },
    });
    await until(
      'the scans to be reported',
      async () => robot.stats().eventsPosted === 5,
      () => robot.tick(),
    );
    const [shipment] = await shipmentsOf(t, id!);
    const events = (await eventsOf(t, shipment!.id)).sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime());
    expect(events.map((e) => e.status)).toEqual([
      'in_transit',
      'out_for_delivery',
      'exception',
      'out_for_delivery',
      'delivered',
    ]);
    expect(events[2]!.description).toMatch(/absent/);
    expect((await shipmentsOf(t, id!))[0]!.status).toBe('delivered');
  });

  it('refuses at random with a realistic reason when rejectRate says so', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { CAP: 5 } });
    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'CAP', quantity: 1 }] });
    const robot = createThreePlRobot({ appUrl: r.url, apiKey: shop.warehouses[0]!.key, retry: fast, rejectRate: 1 });
    await robot.tick();
    expect(robot.stats().rejected).toBe(1);
    expect((await allocationRow(t, id!)).rejectReason).toMatch(/^(incorrect_address|cannot_ship_destination|other): /);
  });

  it('accepts a cancellation before the parcel leaves and refuses one after, then ships the rest', async () => {
    const { t } = r;
    const clock = createManualClock(Date.now());
    const shop = await seedShopWithWarehouses(t, { stock: { VASE: 10 } });
    const wh = shop.warehouses[0]!;
    const one = await placeOrder(t, shop.shopId, { lines: [{ sku: 'VASE', quantity: 1 }] });
    const two = await placeOrder(t, shop.shopId, { lines: [{ sku: 'VASE', quantity: 2 }] });
    const robot = createThreePlRobot({
      appUrl: r.url,
      apiKey: wh.key,
      clock,
      retry: fast,
      shipDelayMs: 1_000,
      partialShipRate: 1,
      inventory: { onHand: { VASE: 10 } },
    });
    const cancel = (orderId: number) =>
      t.ctx.db.transaction((tx) => cancelOrderAllocations(tx, shop.shopId, orderId, 'test'));

    await robot.tick();
    expect(robot.stats().acknowledged).toBe(2);
    expect((await cancel(one.orderId)).requested).toHaveLength(1);
    clock.advance(1_000);
    await robot.tick();
    expect((await allocationRow(t, one.allocationIds[0]!)).status).toBe('cancelled');
    expect(await shipmentsOf(t, one.allocationIds[0]!)).toEqual([]);
    expect((await allocationRow(t, two.allocationIds[0]!)).status).toBe('partially_shipped');

    expect((await cancel(two.orderId)).requested).toHaveLength(1);
    await robot.tick();
    expect((await allocationRow(t, two.allocationIds[0]!)).status).toBe('partially_shipped');
    expect(robot.stats()).toMatchObject({
      cancellationsAccepted: 1,
      cancellationsRefused: 1,
      cancellationsAnswered: 2,
    });

    clock.advance(1_000);
    await robot.tick();
    expect((await allocationRow(t, two.allocationIds[0]!)).status).toBe('shipped');
    const parcels = await shipmentsOf(t, two.allocationIds[0]!);
    expect(parcels).toHaveLength(2);
    expect(new Set(parcels.flatMap((p) => p.trackingNumbers)).size).toBe(2);
    expect(robot.state().book.VASE).toEqual({ onHand: 8, committed: 0, shipped: 2 });
    expect(
      robot
        .state()
        .jobs.map((j) => j.status)
        .sort(),
    ).toEqual(['cancelled', 'shipped']);
  });

  it('runs as the `3pl` sub-command and ships on its own', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { KEY: 3 } });
    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'KEY', quantity: 1 }] });
    await expect(threePlCommand(['--app-url', r.url])).rejects.toThrow(/--api-key/);
    const { url, stop } = await threePlCommand([
      '--app-url',
      r.url,
      '--api-key',
      shop.warehouses[0]!.key,
      '--ship-delay-ms',
      '0',
      '--poll-ms',
      '20',
      '--name',
      'cli',
    ]);
    try {
      expect(url).toBe(`3pl robot "cli" polling ${r.url}/feed/v1 every 20 ms`);
      await until('the robot to ship', async () => (await allocationRow(t, id!)).status === 'shipped');
    } finally {
      await stop();
    }
  });
});
