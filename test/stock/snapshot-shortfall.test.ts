import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, stockLevels } from '../../drizzle/schema/index.js';
import { applyInventorySnapshot } from '../../core/use-cases/feed/apply-inventory-snapshot.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('a 3PL count below what orders hold', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('withdraws the untaken allocation, re-routes its order elsewhere, and takes the count as truth', async () => {
    const shop = await seedShop(t.ctx.db);
    const a = await seedWarehouse(t.ctx.db, shop.id, { name: 'A', costs: { FR: 4 } });
    const b = await seedWarehouse(t.ctx.db, shop.id, { name: 'B', costs: { FR: 9 } });
    const sku = await seedSku(t.ctx.db, shop.id, 'LAINE');
    await receive(t.ctx.db, shop.id, a.id, sku, 5);
    await receive(t.ctx.db, shop.id, b.id, sku, 5);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log };
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'LAINE', quantity: 4 }] });
    await routeOrder(deps, { shopId: shop.id, orderId, reason: 'test' });
    expect((await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId)))[0]!.warehouseId).toBe(a.id);

    const out = await applyInventorySnapshot({ db: t.ctx.db, queues: t.ctx.queues }, { who: { keyId: 0, shopId: shop.id, warehouseId: a.id }, snapshotId: 'count-1', takenAt: new Date(), items: [{ sku: 'LAINE', onHand: 2 }] });
    expect(out.corrections).toEqual([{ sku: 'LAINE', before: 5, after: 2, delta: -3, short: 0 }]);
    expect(out.waitingOrders).toEqual([orderId]);
    const [levelA] = await t.ctx.db.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, a.id), eq(stockLevels.skuId, sku)));
    expect(levelA).toMatchObject({ onHand: 2, reserved: 0 });

    await routeOrder(deps, { shopId: shop.id, orderId, reason: 'restocked' });
    const live = (await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId))).filter((x) => x.status !== 'cancelled');
    expect(live.map((x) => x.warehouseId)).toEqual([b.id]);
  });
});
