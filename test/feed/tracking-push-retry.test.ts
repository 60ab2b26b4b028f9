import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, shipments } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { RetriableIntegrationError } from '../../core/errors.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { pushTracking } from '../../core/use-cases/push-tracking.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { listTrackingPushFailures, replayTrackingPushes } from '../../core/use-cases/tracking/replay-tracking-pushes.js';
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
    const routed = await routeOrder({ db, queues: s.t.ctx.queues, log: s.t.ctx.log }, { shopId, orderId, reason: 'test' });
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    const who = { keyId: 0, shopId, warehouseId: wh.id };
    const [line] = await db.select().from(allocationLines).where(eq(allocationLines.allocationId, allocationId));
    await db.update(allocations).set({ status: 'acknowledged' }).where(eq(allocations.id, allocationId));
    const shipped = await recordShipment({ db, queues: s.t.ctx.queues }, { who, allocationId, idempotencyKey: 'p1', lines: [{ lineId: line!.id, quantity: 1 }], carrier: 'Colissimo', trackingNumbers: ['6A11111111111'], trackingUrl: null, shippedAt: new Date() });

    const deps = { db, shopify: s.t.ctx.shopify, channels: s.t.ctx.channels, log: s.t.ctx.log, customers: { appUrl: undefined, appCanSend: false, queues: s.t.ctx.queues, log: s.t.ctx.log } };
    await expect(pushTracking(deps, { shopId, shipmentId: shipped.shipmentId, finalAttempt: false })).rejects.toBeInstanceOf(RetriableIntegrationError);
    expect(await pushTracking(deps, { shopId, shipmentId: shipped.shipmentId, finalAttempt: true })).toMatchObject({ status: 'failed' });

    const failures = await listTrackingPushFailures({ db }, { shopId });
    expect(failures.map((f) => f.shipmentId)).toEqual([shipped.shipmentId]);
    expect(await replayTrackingPushes({ db, queues: s.t.ctx.queues }, { shopId, ids: 'all' })).toEqual({ replayed: [shipped.shipmentId] });
    const [row] = await db.select().from(shipments).where(eq(shipments.id, shipped.shipmentId));
    expect(row!.pushStatus).toBe('pending');
    const jobs = await s.t.ctx.queues.queue('fulfill').getJobs(['waiting', 'delayed']);
    expect(jobs.filter((j) => j.id!.includes('replay')).map((j) => j.data.shipmentId)).toEqual([shipped.shipmentId]);
    expect(await listTrackingPushFailures({ db }, { shopId })).toEqual([]);
  });
});
