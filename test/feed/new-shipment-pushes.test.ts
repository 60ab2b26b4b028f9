import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, shipments } from '../../drizzle/schema/index.js';
import type { FeedPrincipal } from '../../core/db/feed-keys-repo.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { pushNewShipments } from '../../core/use-cases/tracking/push-new-shipments.js';
import { SHIPMENT_TICK_MS } from '../../core/queue/job-ids.js';
import { enqueueNewShipments } from '../../core/queue/producers.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { seedOrder } from '../helpers/fixtures.js';
import { startSimApp, type SimApp } from '../helpers/sim-app.js';
import { ingestedOrder, LYON_CUSTOMER } from '../helpers/shipped-order.js';
import { stockedLyonShop } from '../helpers/sim-shop-setup.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'new-shipments.myshopify.com';

/**
 * Issue 16: a 3PL's wave of parcels is pushed to Shopify by one fulfill job per shop and tick,
 * one run whose Shopify calls share requests, not a job each; a parcel that fails goes on alone;
 * runs of a shop take turns.
 */
describe("a shop's newly recorded shipments", () => {
  let s: SimApp;
  let shopId: number;
  let warehouseId: number;
  let n = 0;
  let routing: StartedWorkers | undefined;
  const deps = () => ({
    db: s.t.ctx.db,
    shopify: s.t.ctx.shopify,
    channels: s.t.ctx.channels,
    log: s.t.ctx.log,
    queues: s.t.ctx.queues,
    customers: { appUrl: s.appUrl, appCanSend: false, queues: s.t.ctx.queues, log: s.t.ctx.log },
  });
  const fulfillJobs = () => s.t.ctx.queues.queue('fulfill').getJobs(['waiting', 'delayed', 'prioritized']);
  const clearFulfillJobs = async () => {
    for (const j of await fulfillJobs()) await j.remove();
  };
  const who = (): FeedPrincipal => ({ keyId: 0, shopId, warehouseId });

  beforeAll(async () => {
    s = await startSimApp();
    routing = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'reconcile']);
    ({ shopId, warehouseId } = await stockedLyonShop(s, {
      domain: SHOP,
      sku: 'BOL-VERT',
      keyLabel: 'waves',
      onHand: 400,
    }));
  });
  afterAll(async () => {
    await routing?.close();
    await s?.close();
  });

  /** An order placed in the simulator, routed, and taken by the 3PL. */
  async function takenOrder() {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-VERT', quantity: 1 }],
      shippingAddress: LYON_CUSTOMER,
      financialStatus: 'paid',
      email: `buyer${++n}@example.com`,
    });
    const order = await ingestedOrder(s, shopId, placed.gid);
    const [a] = await waitFor('allocation ready', async () => {
      const live = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, order.id))).filter(
        (x) => x.status === 'ready',
      );
      return live.length ? live : null;
    });
    return { placed, allocationId: a!.id };
  }

  async function ship(allocationId: number) {
    const lines = await s.t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, allocationId));
    await s.t.ctx.db.update(allocations).set({ status: 'acknowledged' }).where(eq(allocations.id, allocationId));
    const parcel = ++n;
    // as the feed's route does: the shipping e-mail's sender is decided with the shipment
    return recordShipment(
      { db: s.t.ctx.db, queues: s.t.ctx.queues, customers: deps().customers },
      {
        who: who(),
        allocationId,
        idempotencyKey: `wave-${parcel}`,
        lines: lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
        carrier: 'Colissimo',
        trackingNumbers: [`6A20000000${String(parcel).padStart(3, '0')}`],
        trackingUrl: null,
        shippedAt: new Date(),
      },
    );
  }

  it('a wave is a job per shop and tick, not per parcel, pushed in one run that shares its Shopify requests', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await takenOrder());
    await clearFulfillJobs();
    s.sim.control.resetLogs();
    const shipped = await Promise.all(orders.map((o) => ship(o.allocationId)));

    // no job per parcel: the shop's tick jobs only, one per tick the parcels were recorded in
    const jobs = await fulfillJobs();
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.length).toBeLessThan(shipped.length);
    for (const j of jobs) {
      expect(j.data).toEqual({ shopId, task: 'new-shipments' });
      expect(j.id).toMatch(new RegExp(`^ships-${shopId}-\\d+$`));
    }

    expect(await pushNewShipments(deps(), { shopId, recentMs: 60_000 })).toEqual({
      pushed: 5,
      failed: 0,
      retrying: 0,
    });
    for (const o of orders) expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments).toHaveLength(1);
    const creates = s.sim.control
      .requestLog({ shop: SHOP })
      .filter((r) => r.operationName?.startsWith('FulfillmentCreate'));
    // the run's calls share documents (as many copies as Shopify's cost limit lets one carry)
    expect(creates.length).toBeLessThan(orders.length);
    expect(creates[0]?.operationName).toBe('FulfillmentCreateBatch');
    const rows = await s.t.ctx.db.select().from(shipments).where(eq(shipments.shopId, shopId));
    expect(rows.filter((r) => shipped.some((x) => x.shipmentId === r.id)).map((r) => r.pushStatus)).toEqual([
      ...orders.map(() => 'pushed'),
    ]);
    // a second run (the next tick's job) finds nothing left
    expect(await pushNewShipments(deps(), { shopId, recentMs: 60_000 })).toEqual({
      pushed: 0,
      failed: 0,
      retrying: 0,
    });
    await clearFulfillJobs();
  });

  it("a tick's further parcels cost no add; the next tick is a job of its own", async () => {
    await clearFulfillJobs();
    const tick = Math.floor(Date.now() / SHIPMENT_TICK_MS) + 40;
    const at = tick * SHIPMENT_TICK_MS;
    for (const offset of [0, 1, SHIPMENT_TICK_MS - 1, SHIPMENT_TICK_MS])
      expect(await enqueueNewShipments(s.t.ctx.queues, shopId, at + offset)).toBe(true);
    const jobs = await fulfillJobs();
    expect(jobs.map((j) => j.id).sort()).toEqual([`ships-${shopId}-${tick}`, `ships-${shopId}-${tick + 1}`]);
    await clearFulfillJobs();
  });

  it('takes only shipments recorded within the window; older ones are the sweeper’s', async () => {
    const o = await takenOrder();
    await ship(o.allocationId);
    await clearFulfillJobs();
    // two minutes on, the parcel is older than the run's window
    expect(await pushNewShipments(deps(), { shopId, recentMs: 60_000, now: Date.now() + 120_000 })).toEqual({
      pushed: 0,
      failed: 0,
      retrying: 0,
    });
    expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments).toHaveLength(0);
    expect(await pushNewShipments(deps(), { shopId, recentMs: 60_000 })).toMatchObject({ pushed: 1 });
  });

  it('a parcel whose push fails goes on alone on its own job; the others of the run are pushed', async () => {
    const good = await takenOrder();
    // an order Shopify does not hold (yet): no fulfillment order can carry its tracking
    const orderId = await seedOrder(s.t.ctx.db, shopId, { lines: [{ sku: 'BOL-VERT', quantity: 1 }] });
    const routed = await routeOrder(
      { db: s.t.ctx.db, queues: s.t.ctx.queues, log: s.t.ctx.log },
      { shopId, orderId, reason: 'test' },
    );
    if (routed.status !== 'routed') throw new Error(`not routed: ${routed.status}`);
    const bad = await ship(routed.allocationIds[0]!);
    await ship(good.allocationId);
    await clearFulfillJobs();

    expect(await pushNewShipments(deps(), { shopId, recentMs: 60_000 })).toEqual({
      pushed: 1,
      failed: 0,
      retrying: 1,
    });
    expect(s.sim.control.getOrder(SHOP, good.placed.id).fulfillments).toHaveLength(1);
    const retry = (await fulfillJobs()).filter((j) => j.data.shipmentId === bad.shipmentId);
    expect(retry.map((j) => j.id)).toEqual([expect.stringMatching(new RegExp(`^shipment-${bad.shipmentId}-retry-`))]);
    expect(retry[0]!.opts.delay).toBeGreaterThan(0);
    await clearFulfillJobs();
  });

  it("a shop's pushes take turns: a job that finds the lease taken waits, then pushes", async () => {
    const o = await takenOrder();
    const lease = `${s.t.ctx.config.redis.prefix}:shipment-pushes:${shopId}`;
    await s.t.ctx.redis.set(lease, 'another-run', 'PX', 30_000);
    const workers = await startWorkers(s.t.ctx, ['fulfill']);
    try {
      const shipped = await ship(o.allocationId);
      // the tick's job ran, found the lease taken and went back to delayed, attempts untouched
      const waited = await waitFor('job bounced off the lease', async () => {
        const jobs = await s.t.ctx.queues.queue('fulfill').getJobs(['delayed']);
        return jobs.find((j) => j.data.task === 'new-shipments' && j.attemptsStarted > 0);
      });
      expect(waited.attemptsMade).toBe(0);
      expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments).toHaveLength(0);
      await s.t.ctx.redis.del(lease);
      await waitFor('pushed once the lease is free', async () => {
        const [row] = await s.t.ctx.db.select().from(shipments).where(eq(shipments.id, shipped.shipmentId));
        return row!.pushStatus === 'pushed' ? row : null;
      });
      expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments).toHaveLength(1);
    } finally {
      await workers.close();
      await s.t.ctx.redis.del(lease);
    }
  });
});
