import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, shipments } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { RetriableIntegrationError } from '../../core/errors.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { pushTracking } from '../../core/use-cases/push-tracking.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import {
  listTrackingPushFailures,
  replayTrackingPushes,
} from '../../core/use-cases/tracking/replay-tracking-pushes.js';
import { receive, seedOrder, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'push-retry.myshopify.com';

/** Defect 5 of #15: a tracking push Shopify refused is retried with backoff, then offered to the merchant for replay. */
describe('a failed tracking push', () => {
  let s: SimApp;
  beforeAll(async () => {
    s = await startSimApp();
  });
  afterAll(async () => s.close());

  it('is retried while attempts remain, then listed among the failures and replayed on request', async () => {
    const token = await simShop(s.sim, SHOP, [{ sku: 'PLAID' }]);
    await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } });
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    const db = s.t.ctx.db;
    const wh = await seedWarehouse(db, shopId);
    await receive(db, shopId, wh.id, await seedSku(db, shopId, 'PLAID'), 5);
    // an order Shopify does not hold (yet): no fulfillment order can carry the tracking
    const orderId = await seedOrder(db, shopId, { lines: [{ sku: 'PLAID', quantity: 1 }] });
    const routed = await routeOrder(
      { db, queues: s.t.ctx.queues, log: s.t.ctx.log },
      { shopId, orderId, reason: 'test' },
    );
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    const who = { keyId: 0, shopId, warehouseId: wh.id };
    const [line] = await db.select().from(allocationLines).where(eq(allocationLines.allocationId, allocationId));
    await db.update(allocations).set({ status: 'acknowledged' }).where(eq(allocations.id, allocationId));
    const shipped = await recordShipment(
      { db, queues: s.t.ctx.queues },
      {
        who,
        allocationId,
        idempotencyKey: 'p1',
        lines: [{ lineId: line!.id, quantity: 1 }],
        carrier: 'Colissimo',
        trackingNumbers: ['6A11111111111'],
        trackingUrl: null,
        shippedAt: new Date(),
      },
    );

    const deps = {
      db,
      shopify: s.t.ctx.shopify,
      channels: s.t.ctx.channels,
      log: s.t.ctx.log,
      customers: { appUrl: undefined, appCanSend: false, queues: s.t.ctx.queues, log: s.t.ctx.log },
    };
    await expect(
      pushTracking(deps, { shopId, shipmentId: shipped.shipmentId, finalAttempt: false }),
    ).rejects.toBeInstanceOf(RetriableIntegrationError);
    expect(await pushTracking(deps, { shopId, shipmentId: shipped.shipmentId, finalAttempt: true })).toMatchObject({
      status: 'failed',
    });

    const failures = await listTrackingPushFailures({ db }, { shopId });
    expect(failures.map((f) => f.shipmentId)).toEqual([shipped.shipmentId]);
    expect(await replayTrackingPushes({ db, queues: s.t.ctx.queues }, { shopId, ids: 'all' })).toEqual({
      replayed: [shipped.shipmentId],
    });
    const [row] = await db.select().from(shipments).where(eq(shipments.id, shipped.shipmentId));
    expect(row!.pushStatus).toBe('pending');
    const jobs = await s.t.ctx.queues.queue('fulfill').getJobs(['waiting', 'delayed']);
    expect(jobs.filter((j) => j.id!.includes('replay')).map((j) => j.data.shipmentId)).toEqual([shipped.shipmentId]);
    expect(await listTrackingPushFailures({ db }, { shopId })).toEqual([]);
  });

  it('is replayed through the admin API once, and only by its own shop', async () => {
    const token = await simShop(s.sim, 'push-replay.myshopify.com', [{ sku: 'TWEED' }]);
    const other = await simShop(s.sim, 'push-replay-other.myshopify.com');
    for (const t of [token, other])
      expect(
        (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${t}` } })).statusCode,
      ).toBe(200);
    const db = s.t.ctx.db;
    const shopId = (await createShopsRepo(db).byDomain('push-replay.myshopify.com'))!.id;
    const wh = await seedWarehouse(db, shopId);
    await receive(db, shopId, wh.id, await seedSku(db, shopId, 'TWEED'), 5);
    const orderId = await seedOrder(db, shopId, { lines: [{ sku: 'TWEED', quantity: 1 }] });
    const routed = await routeOrder(
      { db, queues: s.t.ctx.queues, log: s.t.ctx.log },
      { shopId, orderId, reason: 'test' },
    );
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    const [parcel] = await db
      .insert(shipments)
      .values({
        shopId,
        allocationId,
        idempotencyKey: 'r1',
        carrier: 'Colissimo',
        trackingNumbers: ['6A2'],
        shippedAt: new Date(),
        pushStatus: 'failed',
        pushResult: { userErrors: [{ field: null, message: 'Fulfillment order is closed' }] },
      })
      .returning();
    const call = (t: string, method: 'GET' | 'POST', url: string) =>
      s.app.inject({ method, url: `/api/admin${url}`, headers: { authorization: `Bearer ${t}` } });
    const replayJobs = async () =>
      (await s.t.ctx.queues.queue('fulfill').getJobs(['waiting', 'delayed'])).filter(
        (j) => j.id!.includes('replay') && j.data.shipmentId === parcel!.id,
      ).length;

    const listed = await call(token, 'GET', '/tracking-push-failures');
    expect(listed.json()).toEqual({
      items: [
        { id: parcel!.id, orderId, allocationId, error: 'Fulfillment order is closed', updatedAt: expect.any(String) },
      ],
    });
    // another shop neither sees it nor replays it
    expect((await call(other, 'GET', '/tracking-push-failures')).json()).toEqual({ items: [] });
    const foreign = await call(other, 'POST', `/tracking-push-failures/${parcel!.id}/replay`);
    expect(foreign.statusCode).toBe(404);
    expect((await call(other, 'POST', '/tracking-push-failures/replay-all')).json()).toEqual({ replayed: [] });
    expect(await replayJobs()).toBe(0);

    // two replays at once: one moves the shipment back to pending and queues it, the other finds nothing
    const [a, b] = await Promise.all([
      call(token, 'POST', `/tracking-push-failures/${parcel!.id}/replay`),
      call(token, 'POST', `/tracking-push-failures/${parcel!.id}/replay`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 404]);
    expect((await call(token, 'POST', '/tracking-push-failures/replay-all')).json()).toEqual({ replayed: [] });
    expect(await replayJobs()).toBe(1);
    const [row] = await db.select().from(shipments).where(eq(shipments.id, parcel!.id));
    expect(row!.pushStatus).toBe('pending');
  });
});
