import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../../test/helpers/fixtures.js';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.js';
import { createSyncRepo } from '../db/sync-repo.js';
import { requestImport } from './request-import.js';
import { routeOrder } from './route-order.js';
import { sweepWork } from './sweep-work.js';

describe('sweepWork (Redis lost its jobs)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('queues again the orders never routed and the allocations never dispatched', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'LAMPE');
    await receive(t.ctx.db, shop.id, wh.id, sku, 5);
    const unrouted = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'LAMPE', quantity: 1 }] });
    const routed = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'LAMPE', quantity: 1 }] });
    const res = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId: routed, reason: 'test' },
    );
    // Redis loses everything queued so far
    await t.ctx.queues.queue('route').obliterate({ force: true });
    await t.ctx.queues.queue('dispatch').obliterate({ force: true });
    const out = await sweepWork(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    expect(out).toMatchObject({ unrouted: 1, undispatched: 1 });
    const routeJobs = await t.ctx.queues.queue('route').getJobs(['waiting']);
    expect(routeJobs.map((j) => j.data.orderId)).toEqual([unrouted]);
    const dispatchJobs = await t.ctx.queues.queue('dispatch').getJobs(['waiting']);
    expect(dispatchJobs.map((j) => j.data.allocationId)).toEqual(res.status === 'routed' ? res.allocationIds : []);
  });

  it('queues again an import asked for and never started, and the import then adopts its row', async () => {
    const shop = await seedShop(t.ctx.db);
    const asked = await requestImport({ db: t.ctx.db, queues: t.ctx.queues }, { shopId: shop.id });
    const again = await requestImport({ db: t.ctx.db, queues: t.ctx.queues }, { shopId: shop.id });
    expect(again.importId).toBe(asked.importId);
    // Redis loses the job before any worker took it
    await t.ctx.queues.queue('reconcile').obliterate({ force: true });
    const out = await sweepWork(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    expect(out.unstartedImports).toBe(1);
    const jobs = await t.ctx.queues.queue('reconcile').getJobs(['waiting']);
    expect(jobs.map((j) => j.data)).toEqual([{ shopId: shop.id, kind: 'import' }]);
    const started = await createSyncRepo(t.ctx.db).startImport(shop.id);
    expect(started).toMatchObject({ id: asked.importId, status: 'running' });
    const after = await sweepWork(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    expect(after.unstartedImports).toBe(0);
  });
});
