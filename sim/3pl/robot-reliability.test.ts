import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocations,
  inventoryMovements,
  shipmentLines,
  shipments,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import { createThreePlRobot } from './robot.js';
import { startFlakyProxy, type ProxyFault } from './test-support/flaky-proxy.js';
import {
  allocationRow,
  eventsOf,
  placeOrder,
  seedShopWithWarehouses,
  shipmentsOf,
  startRealApp,
  until,
  type RealApp,
} from '../../test/helpers/real-app.js';

const fast = { baseMs: 5, maxMs: 20 };
const instant = { inTransitAfterMs: 0, outForDeliveryAfterMs: 0, deliveredAfterMs: 0, exceptionRate: 0, timeScale: 1 };

describe('3PL robot reliability, against the real app', () => {
  let r: RealApp;
  beforeAll(async () => {
    r = await startRealApp();
  });
  afterAll(async () => {
    await r.close();
  });

  it('two robots with keys of the same warehouse never ship the same allocation', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { BAG: 100, HAT: 100 }, keys: 2 });
    const [keyA, keyB] = shop.warehouses[0]!.keys as [string, string];
    const ids: number[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(
        ...(
          await placeOrder(t, shop.shopId, {
            lines: [
              { sku: 'BAG', quantity: 1 + (i % 3) },
              { sku: 'HAT', quantity: 1 },
            ],
          })
        ).allocationIds,
      );
    const common = {
      appUrl: r.url,
      retry: fast,
      shipDelayMs: 0,
      leaseLimit: 3,
      partialShipRate: 0.5,
      trackingEventsSchedule: instant,
    };
    const a = createThreePlRobot({ ...common, apiKey: keyA, name: 'a', seed: 'a' });
    const b = createThreePlRobot({ ...common, apiKey: keyB, name: 'b', seed: 'b' });

    await until(
      'every allocation to ship',
      async () => (await Promise.all(ids.map((id) => allocationRow(t, id)))).every((x) => x.status === 'shipped'),
      () => Promise.all([a.tick(), b.tick()]),
    );

    const shippedBy = (robot: typeof a) =>
      robot
        .state()
        .jobs.filter((j) => j.status === 'shipped')
        .map((j) => j.allocationId);
    const byA = shippedBy(a);
    const byB = shippedBy(b);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect(a.stats().lost + b.stats().lost).toBe(0);
    // the app holds exactly the parcels the robot that shipped them reported
    for (const robot of [a, b]) {
      for (const job of robot.state().jobs) {
        const recorded = await shipmentsOf(t, job.allocationId);
        expect(recorded.map((s) => s.id).sort()).toEqual(job.parcels.map((p) => p.shipmentId).sort());
      }
    }
    const units = await t.ctx.db
      .select()
      .from(shipmentLines)
      .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
      .where(inArray(shipments.allocationId, ids));
    expect(units.reduce((n, u) => n + u.shipment_lines.quantity, 0)).toBe(
      a.stats().shippedUnits + b.stats().shippedUnits,
    );
    expect(a.stats().shippedUnits + b.stats().shippedUnits).toBe(24 + 12);
  });

  it('retries through 5xx, 429 and cut connections without shipping, scanning or counting twice', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { PEN: 40 } });
    const wh = shop.warehouses[0]!;
    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'PEN', quantity: 4 }] });
    const seen = new Map<string, number>();
    const faults: [RegExp, ProxyFault[]][] = [
      [/\/allocations\/lease/, ['rate-limit']],
      [/\/acknowledge$/, ['fail-after']],
      [/\/shipments$/, ['drop-after', 'fail-after']],
      [/\/events$/, ['drop-after']],
      [/\/inventory-snapshots$/, ['fail-after', 'fail-before']],
    ];
    const proxy = await startFlakyProxy(r.url, (method, path) => {
      const rule = faults.find(([re]) => re.test(path.split('?')[0]!));
      if (method !== 'POST' || !rule) return 'pass';
      const key = `${rule[0].source}:${path}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return rule[1][n] ?? 'pass';
    });
    try {
      const robot = createThreePlRobot({
        appUrl: proxy.url,
        apiKey: wh.key,
        retry: fast,
        shipDelayMs: 0,
        partialShipRate: 1,
        trackingEventsSchedule: instant,
        inventory: { onHand: { PEN: 40 } },
      });
      await until(
        'both parcels to leave',
        async () => (await allocationRow(t, id!)).status === 'shipped',
        () => robot.tick(),
      );
      const recorded = await shipmentsOf(t, id!);
      expect(recorded).toHaveLength(2);
      const keys = proxy.log.filter((x) => x.path.endsWith('/shipments')).map((x) => x.idempotencyKey);
      expect(keys.filter((k) => k === keys[0])).toHaveLength(3);
      expect(robot.stats()).toMatchObject({ acknowledged: 1, shippedParcels: 2, shippedUnits: 4, errors: 0, lost: 0 });

      await until(
        'all scans to be reported',
        async () => robot.stats().eventsPosted === 6,
        () => robot.tick(),
      );
      for (const s of recorded)
        expect((await eventsOf(t, s.id)).map((e) => e.status).sort()).toEqual([
          'delivered',
          'in_transit',
          'out_for_delivery',
        ]);
      const all = await t.ctx.db
        .select()
        .from(trackingEvents)
        .where(
          inArray(
            trackingEvents.shipmentId,
            recorded.map((s) => s.id),
          ),
        );
      expect(all).toHaveLength(6);

      const snap = (await robot.snapshotNow())!;
      expect(snap.result.corrections).toEqual([]);
      expect(proxy.log.filter((x) => x.path === '/feed/v1/inventory-snapshots')).toHaveLength(3);
      const moves = await t.ctx.db
        .select()
        .from(inventoryMovements)
        .where(eq(inventoryMovements.warehouseId, wh.row.id));
      expect(moves.reduce((n, m) => n + m.delta, 0)).toBe(36);
      expect(robot.stats().retries).toBeGreaterThanOrEqual(7);
    } finally {
      await proxy.close();
    }
  });

  it('does not ship an allocation another poller acknowledged first', async () => {
    const { t } = r;
    const shop = await seedShopWithWarehouses(t, { stock: { CUP: 5 }, keys: 2 });
    const [key, otherKey] = shop.warehouses[0]!.keys as [string, string];
    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'CUP', quantity: 1 }] });
    const proxy = await startFlakyProxy(
      r.url,
      () => 'pass',
      async (method, path) => {
        if (method === 'POST' && path.endsWith('/acknowledge')) {
          // the robot's lease ran out meanwhile: another poller leased the allocation and acknowledged it
          await t.ctx.db
            .update(allocations)
            .set({ leaseUntil: new Date(Date.now() - 1000) })
            .where(eq(allocations.id, id!));
          const other = { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' };
          const lease = (await (
            await fetch(`${r.url}/feed/v1/allocations/lease`, {
              method: 'POST',
              headers: { authorization: other.authorization },
            })
          ).json()) as { leaseToken: string };
          await fetch(`${r.url}${path}`, {
            method: 'POST',
            headers: other,
            body: JSON.stringify({ leaseToken: lease.leaseToken }),
          });
        }
      },
    );
    try {
      const robot = createThreePlRobot({
        appUrl: proxy.url,
        apiKey: key,
        retry: fast,
        shipDelayMs: 0,
        inventory: { onHand: { CUP: 5 } },
      });
      await robot.tick();
      await robot.tick();
      expect(robot.stats()).toMatchObject({ leased: 1, acknowledged: 0, lost: 1, shippedParcels: 0 });
      expect(robot.state().book.CUP).toEqual({ onHand: 5, committed: 0, shipped: 0 });
      expect((await allocationRow(t, id!)).status).toBe('acknowledged');
      expect(await shipmentsOf(t, id!)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
