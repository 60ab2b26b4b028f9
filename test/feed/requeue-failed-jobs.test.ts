import { eq } from 'drizzle-orm';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations } from '../../drizzle/schema/index.js';
import { createDispatchFailuresRepo } from '../../core/db/allocations-repo.js';
import { createInboxRepo } from '../../core/db/inbox-repo.js';
import { createWarehousesRepo } from '../../core/db/warehouses-repo.js';
import type { QueueName } from '../../core/queue/names.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { sweepInbox } from '../../core/use-cases/sweep-inbox.js';
import { sweepWork } from '../../core/use-cases/sweep-work.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/** Defect 3 of #15: a job whose retries ran out must not block the sweeper from running its work again. */
describe('jobs that failed for good', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  /** Adds the job under `jobId` and lets a worker fail it once with no retry left: BullMQ keeps it as failed. */
  async function failForGood<N extends QueueName>(name: N, payload: object, jobId: string) {
    await t.ctx.queues.queue(name).add(name, payload, { jobId, attempts: 1 });
    const worker = new Worker(
      name,
      async () => {
        throw new Error('postgres is down');
      },
      { connection: t.ctx.redis.duplicate({ maxRetriesPerRequest: null }), prefix: t.ctx.config.redis.prefix },
    );
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close();
    expect(await (await t.ctx.queues.queue(name).getJob(jobId))!.getState()).toBe('failed');
  }

  it('the inbox sweeper runs again an event whose job failed for good', async () => {
    const [row] = await createInboxRepo(t.ctx.db).insertMany([
      { source: 'shopify', eventId: 'gone-1', shopDomain: 'a.myshopify.com', topic: 'app/uninstalled', body: '{}' },
    ]);
    await failForGood('ingest', { inboxId: row!.id }, `inbox-${row!.id}`);
    await sweepInbox(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    expect(await (await t.ctx.queues.queue('ingest').getJob(`inbox-${row!.id}`))!.getState()).toBe('waiting');
  });

  it('the work sweeper runs again an allocation whose dispatch job failed for good', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'JOB-1');
    await receive(t.ctx.db, shop.id, wh.id, sku, 3);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'JOB-1', quantity: 1 }] });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    await t.ctx.queues.queue('dispatch').obliterate({ force: true });
    await failForGood('dispatch', { shopId: shop.id, allocationId }, `alloc-${allocationId}`);
    await sweepWork(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    expect(await (await t.ctx.queues.queue('dispatch').getJob(`alloc-${allocationId}`))!.getState()).toBe('waiting');
  });

  it('a push secret that no longer decrypts records a dispatch error instead of leaving the allocation reserved', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { dispatchStyle: 'http' });
    await createWarehousesRepo(t.ctx.db).update(shop.id, wh.id, {
      pushUrl: 'http://127.0.0.1:9/orders',
      pushSecretEnc: 'v1:not-a-ciphertext',
    });
    const sku = await seedSku(t.ctx.db, shop.id, 'JOB-2');
    await receive(t.ctx.db, shop.id, wh.id, sku, 3);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'JOB-2', quantity: 1 }] });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    const deps = { db: t.ctx.db, shopify: t.ctx.shopify, cipher: t.ctx.cipher, breaker: t.ctx.breaker, log: t.ctx.log };
    expect(
      await dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt: 1, finalAttempt: false }),
    ).toMatchObject({ status: 'dead' });
    const [a] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, allocationId));
    expect(a!.dispatchError).toBeTruthy();
    expect((await createDispatchFailuresRepo(t.ctx.db).list(shop.id)).map((x) => x.id)).toEqual([allocationId]);
  });
});
