import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, auditLog, orders, stockDirty, stockLevels } from '../../drizzle/schema/index.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// every statement the app's connections put on the wire (begin and commit included), as the e2e
// benchmark counts them; a fresh connection's type lookup is not the run's
const sent: string[] = [];
const count = (text: string) => {
  if (!text.includes('pg_catalog.pg_type')) sent.push(text.replace(/\s+/g, ' ').slice(0, 140));
};

/**
 * What one routing run of the flash sale costs in SQL (issue #16): an order of two SKUs placed
 * at one warehouse, its job carrying the order's channel id as the ingest enqueues it.
 */
describe('statements per routing run', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({}, { onStatement: count });
  });
  afterAll(async () => t.close());
  const deps = () => ({ db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log });

  async function measuredRun(shopId: number, orderId: number) {
    const [o] = await t.ctx.db.select({ ref: orders.externalId }).from(orders).where(eq(orders.id, orderId));
    sent.length = 0;
    const result = await routeOrder(deps(), { shopId, orderId, reason: 'orders/create', orderRef: o!.ref });
    const statements = [...sent];
    if (process.env.SHOW_SQL) console.log(statements.join('\n'));
    return { result, statements };
  }

  it('routes an order of two SKUs in a handful of statements', async () => {
    const shop = await seedShop(t.ctx.db);
    const paris = await seedWarehouse(t.ctx.db, shop.id, { name: 'Paris', costs: { FR: 5 } });
    const lyon = await seedWarehouse(t.ctx.db, shop.id, { name: 'Lyon', costs: { FR: 9 } });
    const mug = await seedSku(t.ctx.db, shop.id, 'MUG');
    const tee = await seedSku(t.ctx.db, shop.id, 'TEE');
    for (const w of [paris, lyon]) for (const s of [mug, tee]) await receive(t.ctx.db, shop.id, w.id, s, 10);
    const lines = [
      { sku: 'MUG', quantity: 2 },
      { sku: 'TEE', quantity: 1 },
    ];
    // the first run reads the shop's configuration; the runs of a sale find it in memory
    await measuredRun(shop.id, await seedOrder(t.ctx.db, shop.id, { lines }));
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines });
    const run = await measuredRun(shop.id, orderId);
    console.log(`statements per routing run: ${run.statements.length}`);

    expect(run.result.status).toBe('routed');
    const [a] = await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId));
    expect(a).toMatchObject({ warehouseId: paris.id, status: 'reserved', attempt: 1 });
    const held = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, a!.id));
    expect(held.map((l) => [l.skuId, l.quantity]).sort()).toEqual(
      [
        [mug, 2],
        [tee, 1],
      ].sort(),
    );
    const levels = await t.ctx.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.shopId, shop.id), eq(stockLevels.warehouseId, paris.id)));
    expect(Object.fromEntries(levels.map((l) => [l.skuId, l.reserved]))).toEqual({ [mug]: 4, [tee]: 2 });
    const [o] = await t.ctx.db.select().from(orders).where(eq(orders.id, orderId));
    expect(o!.status).toBe('routed');
    const dirty = await t.ctx.db.select().from(stockDirty).where(eq(stockDirty.shopId, shop.id));
    expect(dirty.map((d) => `${d.skuId}:${d.purpose}`).sort()).toEqual(
      [`${mug}:alerts`, `${mug}:sync`, `${tee}:alerts`, `${tee}:sync`].sort(),
    );
    const entries = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.shopId, shop.id), eq(auditLog.entityId, String(orderId))));
    expect(entries.map((e) => e.action)).toEqual(['routed']);

    // was 20 (each read, each insert, one update and one mark per SKU row): now begin, the order's
    // lock, one read, one write, commit; the shop's rules and warehouses come from memory
    expect(run.statements.length).toBe(5);
    expect(run.statements.filter((q) => /routing_rules|from "warehouses"/.test(q))).toEqual([]);
  });
});
