import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, auditLog, stockLevels } from '../../drizzle/schema/index.js';
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
    expect((await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId)))[0]!.warehouseId).toBe(
      a.id,
    );

    const out = await applyInventorySnapshot(
      { db: t.ctx.db, queues: t.ctx.queues },
      {
        who: { keyId: 0, shopId: shop.id, warehouseId: a.id },
        snapshotId: 'count-1',
        takenAt: new Date(),
        items: [{ sku: 'LAINE', onHand: 2 }],
      },
    );
    expect(out.corrections).toEqual([{ sku: 'LAINE', before: 5, after: 2, delta: -3, short: 0 }]);
    expect(out.waitingOrders).toEqual([orderId]);
    const [levelA] = await t.ctx.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.warehouseId, a.id), eq(stockLevels.skuId, sku)));
    expect(levelA).toMatchObject({ onHand: 2, reserved: 0 });

    await routeOrder(deps, { shopId: shop.id, orderId, reason: 'restocked' });
    const live = (await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId))).filter(
      (x) => x.status !== 'cancelled',
    );
    expect(live.map((x) => x.warehouseId)).toEqual([b.id]);
  });

  it('a repeated snapshot id withdraws nothing more and writes no second audit row (#15 defect 6)', async () => {
    const shop = await seedShop(t.ctx.db);
    const a = await seedWarehouse(t.ctx.db, shop.id, { name: 'A', costs: { FR: 4 } });
    const sku = await seedSku(t.ctx.db, shop.id, 'COTON');
    await receive(t.ctx.db, shop.id, a.id, sku, 5);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log };
    const first = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'COTON', quantity: 2 }] });
    await routeOrder(deps, { shopId: shop.id, orderId: first, reason: 'test' });
    const snapshot = {
      who: { keyId: 0, shopId: shop.id, warehouseId: a.id },
      snapshotId: 'count-repeat',
      takenAt: new Date(),
      items: [{ sku: 'COTON', onHand: 3 }],
    };
    const once = await applyInventorySnapshot({ db: t.ctx.db, queues: t.ctx.queues }, snapshot);
    expect(once.corrections).toEqual([{ sku: 'COTON', before: 5, after: 3, delta: -2, short: 0 }]);

    // a second order now holds the 3 counted units: replaying the old count must not withdraw it
    const second = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'COTON', quantity: 3 }] });
    await routeOrder(deps, { shopId: shop.id, orderId: second, reason: 'test' });
    await t.ctx.db.update(allocations).set({ status: 'ready' }).where(eq(allocations.orderId, second));
    const again = await applyInventorySnapshot(
      { db: t.ctx.db, queues: t.ctx.queues },
      { ...snapshot, items: [{ sku: 'COTON', onHand: 0 }] },
    );
    expect(again.waitingOrders).toEqual([]);
    expect(
      (await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, second))).map((x) => x.status),
    ).toEqual(['ready']);
    const audits = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.shopId, shop.id), eq(auditLog.action, 'inventory_snapshot')));
    expect(audits).toHaveLength(1);
    const [level] = await t.ctx.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.warehouseId, a.id), eq(stockLevels.skuId, sku)));
    expect(level).toMatchObject({ onHand: 3, reserved: 3 });
  });
});
