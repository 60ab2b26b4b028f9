import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocationLines,
  allocations,
  backorders,
  orders,
  orderLines,
  stockLevels,
} from '../../drizzle/schema/index.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { seedOrder, seedShop, seedSku, seedWarehouse, receive } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('routeOrder on real Postgres', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ DB_POOL_SIZE: '20' });
  });
  afterAll(async () => t.close());
  const deps = () => ({ db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log });

  it('reserves stock at the chosen warehouse and stores the trace with the allocation', async () => {
    const shop = await seedShop(t.ctx.db);
    const paris = await seedWarehouse(t.ctx.db, shop.id, { name: 'Paris', costs: { FR: 5 } });
    const lyon = await seedWarehouse(t.ctx.db, shop.id, { name: 'Lyon', costs: { FR: 9 } });
    const sku = await seedSku(t.ctx.db, shop.id, 'MUG-NOIR');
    await receive(t.ctx.db, shop.id, paris.id, sku, 5);
    await receive(t.ctx.db, shop.id, lyon.id, sku, 5);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'MUG-NOIR', quantity: 2 }] });
    const res = await routeOrder(deps(), { shopId: shop.id, orderId, reason: 'test' });
    expect(res.status).toBe('routed');
    const [a] = await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId));
    expect(a!.warehouseId).toBe(paris.id);
    const trace = a!.trace as { warehouses: { name: string; chosen: boolean }[] };
    expect(trace.warehouses.find((w) => w.name === 'Paris')!.chosen).toBe(true);
    expect(trace.warehouses.find((w) => w.name === 'Lyon')!.chosen).toBe(false);
    const [level] = await t.ctx.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.warehouseId, paris.id), eq(stockLevels.skuId, sku)));
    expect(level).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await t.ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe('routed');
    // routing again finds nothing left to place
    expect(await routeOrder(deps(), { shopId: shop.id, orderId, reason: 'again' })).toMatchObject({
      status: 'skipped',
    });
  });

  it('holds unpaid orders unless the shop routes them', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'TEE');
    await receive(t.ctx.db, shop.id, wh.id, sku, 3);
    const orderId = await seedOrder(t.ctx.db, shop.id, {
      lines: [{ sku: 'TEE', quantity: 1 }],
      financialStatus: 'PENDING',
    });
    expect(await routeOrder(deps(), { shopId: shop.id, orderId, reason: 'test' })).toEqual({
      status: 'skipped',
      reason: 'awaiting payment',
    });
    const [o] = await t.ctx.db.select().from(orders).where(eq(orders.id, orderId));
    expect(o).toMatchObject({ status: 'on_hold', onHoldReason: 'awaiting_payment' });
    expect(await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId))).toHaveLength(0);
  });

  it('never oversells: 50 concurrent routings on 3 hot SKUs', async () => {
    const shop = await seedShop(t.ctx.db);
    const whs = [
      await seedWarehouse(t.ctx.db, shop.id, { name: 'A' }),
      await seedWarehouse(t.ctx.db, shop.id, { name: 'B' }),
    ];
    const hot = ['HOT-1', 'HOT-2', 'HOT-3'];
    const skuIds = await Promise.all(hot.map((s) => seedSku(t.ctx.db, shop.id, s)));
    for (const w of whs) for (const id of skuIds) await receive(t.ctx.db, shop.id, w.id, id, 7);
    const orderIds: number[] = [];
    for (let i = 0; i < 50; i++) {
      orderIds.push(
        await seedOrder(t.ctx.db, shop.id, {
          lines: [
            { sku: hot[i % 3]!, quantity: 1 + (i % 2) },
            ...(i % 4 === 0 ? [{ sku: hot[(i + 1) % 3]!, quantity: 1 }] : []),
          ],
        }),
      );
    }
    await Promise.all(orderIds.map((orderId) => routeOrder(deps(), { shopId: shop.id, orderId, reason: 'flash' })));

    const levels = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.shopId, shop.id));
    for (const l of levels) expect(l.reserved).toBeLessThanOrEqual(l.onHand);
    // reserved equals what live allocations hold
    const held = await t.ctx.database.query<{ warehouse_id: number; sku_id: number; q: number }>(sql`
      select a.warehouse_id, al.sku_id, sum(al.quantity)::int as q from allocation_lines al join allocations a on a.id = al.allocation_id
      where a.shop_id = ${shop.id} group by 1, 2`);
    for (const l of levels)
      expect(
        Number(held.find((h) => Number(h.warehouse_id) === l.warehouseId && Number(h.sku_id) === l.skuId)?.q ?? 0),
      ).toBe(l.reserved);
    expect(levels.reduce((n, l) => n + l.reserved, 0)).toBe(42);
    // per line: allocated + backordered = ordered
    const lines = await t.ctx.db.select().from(orderLines).where(eq(orderLines.shopId, shop.id));
    const alloc = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.shopId, shop.id));
    const back = await t.ctx.db
      .select()
      .from(backorders)
      .where(and(eq(backorders.shopId, shop.id), eq(backorders.status, 'open')));
    for (const line of lines) {
      const a = alloc.filter((x) => x.orderLineId === line.id).reduce((n, x) => n + x.quantity, 0);
      const b = back.filter((x) => x.orderLineId === line.id).reduce((n, x) => n + x.quantity, 0);
      expect(a + b).toBe(line.quantity);
    }
  });

  it('releases reserved stock when the order is cancelled before a 3PL takes it', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'SAC');
    await receive(t.ctx.db, shop.id, wh.id, sku, 4);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'SAC', quantity: 3 }] });
    await routeOrder(deps(), { shopId: shop.id, orderId, reason: 'test' });
    await t.ctx.db.update(orders).set({ cancelledAt: new Date(), status: 'cancelled' }).where(eq(orders.id, orderId));
    expect(await routeOrder(deps(), { shopId: shop.id, orderId, reason: 'cancelled' })).toEqual({
      status: 'cancelled',
      cancelled: 1,
      requested: 0,
    });
    const [level] = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.skuId, sku));
    expect(level!.reserved).toBe(0);
    const [a] = await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId));
    expect(a!.status).toBe('cancelled');
  });
});
