import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { applyInventorySnapshot } from '../../core/use-cases/feed/apply-inventory-snapshot.js';
import { rejectAllocation } from '../../core/use-cases/feed/reject-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { sweepWork } from '../../core/use-cases/sweep-work.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/** Defect 1 of #15: an order whose allocation was taken back must never depend on a Redis job alone. */
describe('an order whose allocation is rejected or withdrawn', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  async function routedOrder(sku: string) {
    const shop = await seedShop(t.ctx.db);
    const a = await seedWarehouse(t.ctx.db, shop.id, { name: 'A', costs: { FR: 4 } });
    const b = await seedWarehouse(t.ctx.db, shop.id, { name: 'B', costs: { FR: 9 } });
    const skuId = await seedSku(t.ctx.db, shop.id, sku);
    await receive(t.ctx.db, shop.id, a.id, skuId, 5);
    await receive(t.ctx.db, shop.id, b.id, skuId, 5);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku, quantity: 2 }] });
    await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    const [alloc] = await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId));
    await t.ctx.db.update(allocations).set({ status: 'ready' }).where(eq(allocations.id, alloc!.id));
    return { shop, a, b, orderId, allocationId: alloc!.id };
  }

  async function status(orderId: number) {
    return (await t.ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status;
  }

  async function sweptOrders() {
    await t.ctx.queues.queue('route').obliterate({ force: true });
    await sweepWork(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { olderThanMs: 0, now: new Date(Date.now() + 1000) },
    );
    return (await t.ctx.queues.queue('route').getJobs(['waiting'])).map((j) => j.data.orderId);
  }

  it('a 3PL rejection marks the order as needing routing in the same transaction, and the sweeper finds it once Redis lost the job', async () => {
    const { shop, a, orderId, allocationId } = await routedOrder('REJ-1');
    await rejectAllocation(
      { db: t.ctx.db, queues: t.ctx.queues },
      { who: { keyId: 0, shopId: shop.id, warehouseId: a.id }, allocationId, reason: 'damaged' },
    );
    expect(await status(orderId)).toBe('pending');
    expect(await sweptOrders()).toContain(orderId);
  });

  it('a count that withdraws the allocation marks the order as needing routing, and the sweeper finds it', async () => {
    const { shop, a, orderId } = await routedOrder('CNT-1');
    await applyInventorySnapshot(
      { db: t.ctx.db, queues: t.ctx.queues },
      {
        who: { keyId: 0, shopId: shop.id, warehouseId: a.id },
        snapshotId: 'count-strand',
        takenAt: new Date(),
        items: [{ sku: 'CNT-1', onHand: 0 }],
      },
    );
    expect(await status(orderId)).toBe('pending');
    expect(await sweptOrders()).toContain(orderId);
  });

  it('the sweeper finds an order left `routed` whose open quantity has no live allocation, and not a routed order fully covered', async () => {
    const stranded = await routedOrder('STR-1');
    const covered = await routedOrder('STR-2');
    await t.ctx.db.update(allocations).set({ status: 'cancelled' }).where(eq(allocations.id, stranded.allocationId));
    const swept = await sweptOrders();
    expect(swept).toContain(stranded.orderId);
    expect(swept).not.toContain(covered.orderId);
  });
});
