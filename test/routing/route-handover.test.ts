import { eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations } from '../../drizzle/schema/index.js';
import { jobIds } from '../../core/queue/job-ids.js';
import { routeProcessor } from '../../workers/route.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/**
 * The routing job hands a feed warehouse's allocation over itself (issue #16: a job and a queue
 * hop less per order); a 3PL with its own API, or a hand-over that failed, gets a dispatch job.
 */
describe('the hand-over in the routing job', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  async function routedAt(warehouse: Parameters<typeof seedWarehouse>[2]) {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, warehouse);
    await receive(t.ctx.db, shop.id, wh.id, await seedSku(t.ctx.db, shop.id, 'BOL'), 10);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'BOL', quantity: 1 }] });
    return { shop, wh, orderId };
  }
  const run = (shopId: number, orderId: number) =>
    routeProcessor.process(t.ctx, { shopId, orderId, reason: 'test' }, {} as Job);
  const allocationOf = async (orderId: number) =>
    (await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId)))[0]!;
  const dispatchJob = (allocationId: number) =>
    t.ctx.queues.queue('dispatch').getJob(jobIds.dispatch.allocation(allocationId));

  it('lists a feed allocation in the same run, with no dispatch job', async () => {
    const { shop, orderId } = await routedAt({});
    const result = await run(shop.id, orderId);
    const a = await allocationOf(orderId);
    expect(result).toMatchObject({ status: 'routed', allocationIds: [a.id], feedAllocationIds: [a.id] });
    expect(a.status).toBe('ready');
    expect(a.dispatchedAt).not.toBeNull();
    expect(await dispatchJob(a.id)).toBeUndefined();
  });

  it('leaves a 3PL with its own API to the dispatch job', async () => {
    const { shop, orderId } = await routedAt({ dispatchStyle: 'http', pushUrl: 'https://3pl.example.com/orders' });
    const result = await run(shop.id, orderId);
    const a = await allocationOf(orderId);
    // known from the routing config: no hand-over is tried, so the allocation is not read for it
    expect(result).toMatchObject({ status: 'routed', allocationIds: [a.id], feedAllocationIds: [] });
    expect(a.status).toBe('reserved');
    expect((await dispatchJob(a.id))?.data).toEqual({ shopId: shop.id, allocationId: a.id });
  });

  it('queues the dispatch job when the hand-over fails, the allocation still reserved', async () => {
    const { shop, wh, orderId } = await routedAt({});
    // the warehouse's circuit is open: the hand-over is refused for now
    for (let i = 0; i < 10; i++)
      await expect(
        t.ctx.breaker.run(
          wh.id,
          () => Promise.reject(new Error('down')),
          () => true,
        ),
      ).rejects.toThrow();
    expect((await t.ctx.breaker.state(wh.id)).open).toBe(true);
    expect(await run(shop.id, orderId)).toMatchObject({ status: 'routed' });
    const a = await allocationOf(orderId);
    expect(a.status).toBe('reserved');
    expect((await dispatchJob(a.id))?.data).toEqual({ shopId: shop.id, allocationId: a.id });
  });
});
