import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocationLines,
  allocations,
  auditLog,
  backorders,
  orderLines,
  orders,
  stockLevels,
} from '../../drizzle/schema/index.js';
import { loadRoutingConfig } from '../../core/db/routing-config.js';
import { createRoutingRulesRepo } from '../../core/db/routing-rules-repo.js';
import { createWarehousesRepo } from '../../core/db/warehouses-repo.js';
import { defaultRules } from '../../core/domain/routing/rules.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/** What a routing run writes on its less travelled paths: splits, backorders, edits, a changed setup. */
describe('routeOrder: splits, backorders, edits and the shop setup', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());
  const route = (shopId: number, orderId: number, reason = 'test') =>
    routeOrder({ db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log }, { shopId, orderId, reason });
  const allocationsOf = (orderId: number) =>
    t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId)).orderBy(asc(allocations.id));
  const reservedAt = async (warehouseId: number, skuId: number) =>
    (
      await t.ctx.db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.warehouseId, warehouseId), eq(stockLevels.skuId, skuId)))
    )[0]!.reserved;
  const timeline = (shopId: number, orderId: number) =>
    t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.shopId, shopId), eq(auditLog.entity, 'order'), eq(auditLog.entityId, String(orderId))))
      .orderBy(asc(auditLog.id));
  const statusOf = async (orderId: number) =>
    (await t.ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status;

  it('splits an order between two warehouses: each allocation holds its lines, the timeline names both', async () => {
    const shop = await seedShop(t.ctx.db);
    const a = await seedWarehouse(t.ctx.db, shop.id, { name: 'A' });
    const b = await seedWarehouse(t.ctx.db, shop.id, { name: 'B' });
    const mug = await seedSku(t.ctx.db, shop.id, 'SPLIT-MUG');
    const tee = await seedSku(t.ctx.db, shop.id, 'SPLIT-TEE');
    await receive(t.ctx.db, shop.id, a.id, mug, 5);
    await receive(t.ctx.db, shop.id, b.id, tee, 5);
    const orderId = await seedOrder(t.ctx.db, shop.id, {
      lines: [
        { sku: 'SPLIT-MUG', quantity: 2 },
        { sku: 'SPLIT-TEE', quantity: 3 },
      ],
    });
    const res = await route(shop.id, orderId, 'orders/create');
    expect(res).toMatchObject({ status: 'routed', backordered: 0 });
    const held = await allocationsOf(orderId);
    expect(held.map((x) => x.warehouseId).sort()).toEqual([a.id, b.id].sort());
    expect(res.status === 'routed' && [...res.allocationIds].sort()).toEqual(held.map((x) => x.id).sort());
    for (const x of held) {
      expect(x).toMatchObject({ status: 'reserved', attempt: 1, serviceLevel: 'standard', cost: '5.00' });
      expect(x.promisedShipBy).toBeInstanceOf(Date);
      expect(x.trace).toMatchObject({ version: 1, orderId: String(orderId) });
      const lines = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, x.id));
      expect(lines.map((l) => [l.skuId, l.quantity])).toEqual(x.warehouseId === a.id ? [[mug, 2]] : [[tee, 3]]);
    }
    expect(await reservedAt(a.id, mug)).toBe(2);
    expect(await reservedAt(b.id, tee)).toBe(3);
    const [entry] = await timeline(shop.id, orderId);
    expect(entry).toMatchObject({ action: 'routed', actor: 'routing' });
    expect(entry!.data).toMatchObject({
      reason: 'orders/create',
      attempt: 1,
      allocations: res.status === 'routed' ? res.allocationIds : [],
      backordered: [],
      substitutions: [],
      trace: held[0]!.trace,
    });
  });

  it('backorders what is missing, then places it once stock arrives and resolves the backorder', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'BACK-BOL');
    await receive(t.ctx.db, shop.id, wh.id, sku, 2);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'BACK-BOL', quantity: 5 }] });
    expect(await route(shop.id, orderId)).toMatchObject({ status: 'routed', backordered: 3 });
    expect(await statusOf(orderId)).toBe('backordered');
    const [open] = await t.ctx.db.select().from(backorders).where(eq(backorders.orderId, orderId));
    expect(open).toMatchObject({ sku: 'BACK-BOL', quantity: 3, outcome: 'partial', status: 'open', cancelAt: null });

    await receive(t.ctx.db, shop.id, wh.id, sku, 3);
    const again = await route(shop.id, orderId, 'stock');
    expect(again).toMatchObject({ status: 'routed', backordered: 0 });
    const held = await allocationsOf(orderId);
    expect(held.map((x) => x.attempt)).toEqual([1, 2]);
    expect(await reservedAt(wh.id, sku)).toBe(5);
    expect(await statusOf(orderId)).toBe('routed');
    const [closed] = await t.ctx.db.select().from(backorders).where(eq(backorders.orderId, orderId));
    expect(closed).toMatchObject({ quantity: 3, status: 'resolved' });
    const entries = await timeline(shop.id, orderId);
    expect(entries.map((e) => [e.action, (e.data as { attempt: number }).attempt])).toEqual([
      ['routed', 1],
      ['routed', 2],
    ]);
    expect((entries[0]!.data as { backordered: unknown[] }).backordered).toHaveLength(1);
  });

  it('nothing in stock: the order is backordered without an allocation', async () => {
    const shop = await seedShop(t.ctx.db);
    await seedWarehouse(t.ctx.db, shop.id);
    await seedSku(t.ctx.db, shop.id, 'NONE');
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'NONE', quantity: 2 }] });
    expect(await route(shop.id, orderId)).toEqual({ status: 'backordered', backordered: 2 });
    expect(await allocationsOf(orderId)).toHaveLength(0);
    expect(await statusOf(orderId)).toBe('backordered');
    const [entry] = await timeline(shop.id, orderId);
    expect(entry!.data).toMatchObject({ allocations: [], attempt: 1 });
  });

  it('an edit that removed allocated units takes the untaken allocation back and places what is left', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'EDIT-VASE');
    await receive(t.ctx.db, shop.id, wh.id, sku, 5);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'EDIT-VASE', quantity: 3 }] });
    await route(shop.id, orderId);
    expect(await reservedAt(wh.id, sku)).toBe(3);
    await t.ctx.db.update(orderLines).set({ currentQuantity: 1 }).where(eq(orderLines.orderId, orderId));

    expect(await route(shop.id, orderId, 'orders/edited')).toMatchObject({ status: 'routed', backordered: 0 });
    const held = await allocationsOf(orderId);
    expect(held.map((x) => [x.status, x.attempt])).toEqual([
      ['cancelled', 1],
      ['reserved', 2],
    ]);
    const [line] = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, held[1]!.id));
    expect(line!.quantity).toBe(1);
    expect(await reservedAt(wh.id, sku)).toBe(1);
    expect((await timeline(shop.id, orderId)).map((e) => e.action)).toEqual([
      'routed',
      'allocations_cancelled',
      'routed',
    ]);
  });

  it('sees a warehouse or rules saved through their repositories at once', async () => {
    const shop = await seedShop(t.ctx.db);
    const near = await seedWarehouse(t.ctx.db, shop.id, { name: 'Near', costs: { FR: 3 } });
    const far = await seedWarehouse(t.ctx.db, shop.id, { name: 'Far', costs: { FR: 9 } });
    const sku = await seedSku(t.ctx.db, shop.id, 'CFG');
    for (const w of [near, far]) await receive(t.ctx.db, shop.id, w.id, sku, 5);
    const first = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'CFG', quantity: 1 }] });
    await route(shop.id, first);
    expect((await allocationsOf(first))[0]!.warehouseId).toBe(near.id);

    await createWarehousesRepo(t.ctx.db).update(shop.id, near.id, { active: false });
    const second = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'CFG', quantity: 1 }] });
    await route(shop.id, second);
    expect((await allocationsOf(second))[0]!.warehouseId).toBe(far.id);

    expect((await loadRoutingConfig(t.ctx.db, shop.id)).rulesVersion).toBe(0);
    await createRoutingRulesRepo(t.ctx.db).save(shop.id, defaultRules());
    expect((await loadRoutingConfig(t.ctx.db, shop.id)).rulesVersion).toBe(1);
  });
});
