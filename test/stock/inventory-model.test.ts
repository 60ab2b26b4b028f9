import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, orders, stockLevels } from '../../drizzle/schema/index.js';
import { createStockRepo } from '../../core/db/stock-repo.js';
import { applyInventorySnapshot } from '../../core/use-cases/feed/apply-inventory-snapshot.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const SKUS = ['A', 'B', 'C'];
type Cmd =
  | { kind: 'order'; sku: number; qty: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'ship'; allocation: number }
  | { kind: 'return'; sku: number; wh: number; qty: number }
  | { kind: 'restock'; sku: number; wh: number; qty: number }
  | { kind: 'snapshot'; sku: number; wh: number; count: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), sku: fc.nat(2), qty: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(30) }),
  fc.record({ kind: fc.constant('ship' as const), allocation: fc.nat(30) }),
  fc.record({
    kind: fc.constant('return' as const),
    sku: fc.nat(2),
    wh: fc.nat(1),
    qty: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('restock' as const),
    sku: fc.nat(2),
    wh: fc.nat(1),
    qty: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({ kind: fc.constant('snapshot' as const), sku: fc.nat(2), wh: fc.nat(1), count: fc.nat(12) }),
);

describe('inventory model (fast-check over real Postgres)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ DB_POOL_SIZE: '5' });
  });
  afterAll(async () => t.close());

  async function invariants(shopId: number) {
    const levels = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.shopId, shopId));
    const ledger = await t.ctx.database.query<{ warehouse_id: number; sku_id: number; s: number }>(
      sql`select warehouse_id, sku_id, sum(delta)::int as s from inventory_movements where shop_id = ${shopId} group by 1, 2`,
    );
    const held = await t.ctx.database.query<{ warehouse_id: number; sku_id: number; q: number }>(sql`
      select a.warehouse_id, al.sku_id, sum(al.quantity - al.shipped_quantity)::int as q from allocation_lines al join allocations a on a.id = al.allocation_id
      where a.shop_id = ${shopId} and a.status not in ('cancelled', 'rejected') group by 1, 2`);
    for (const l of levels) {
      expect(l.reserved).toBeLessThanOrEqual(l.onHand);
      expect(l.onHand - l.reserved).toBeGreaterThanOrEqual(0);
      expect(
        Number(ledger.find((x) => Number(x.warehouse_id) === l.warehouseId && Number(x.sku_id) === l.skuId)?.s ?? 0),
      ).toBe(l.onHand);
      expect(
        Number(held.find((x) => Number(x.warehouse_id) === l.warehouseId && Number(x.sku_id) === l.skuId)?.q ?? 0),
      ).toBe(l.reserved);
    }
  }

  it('keeps reserved ≤ on hand, the ledger equal to on hand, and reservations equal to open allocations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 25 }), async (cmds) => {
        const shop = await seedShop(t.ctx.db);
        const whs = [
          await seedWarehouse(t.ctx.db, shop.id, { name: 'A' }),
          await seedWarehouse(t.ctx.db, shop.id, { name: 'B', costs: { FR: 9, BE: 9 } }),
        ];
        const skuIds = await Promise.all(SKUS.map((s) => seedSku(t.ctx.db, shop.id, s)));
        for (const w of whs) for (const id of skuIds) await receive(t.ctx.db, shop.id, w.id, id, 5);
        const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log };
        const orderIds: number[] = [];
        let n = 0;
        for (const c of cmds) {
          n++;
          if (c.kind === 'order') {
            const id = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: SKUS[c.sku]!, quantity: c.qty }] });
            orderIds.push(id);
            await routeOrder(deps, { shopId: shop.id, orderId: id, reason: 'model' });
          } else if (c.kind === 'cancel' && orderIds.length) {
            const id = orderIds[c.order % orderIds.length]!;
            await t.ctx.db
              .update(orders)
              .set({ cancelledAt: new Date(), status: 'cancelled' })
              .where(eq(orders.id, id));
            await routeOrder(deps, { shopId: shop.id, orderId: id, reason: 'cancelled' });
          } else if (c.kind === 'ship') {
            const open = await t.ctx.db
              .select()
              .from(allocations)
              .where(and(eq(allocations.shopId, shop.id), eq(allocations.status, 'reserved')));
            const a = open[c.allocation % Math.max(1, open.length)];
            if (a) {
              await t.ctx.db.update(allocations).set({ status: 'ready' }).where(eq(allocations.id, a.id));
              const lines = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, a.id));
              await recordShipment(
                { db: t.ctx.db, queues: t.ctx.queues },
                {
                  who: { keyId: 0, shopId: shop.id, warehouseId: a.warehouseId },
                  allocationId: a.id,
                  idempotencyKey: `ship-${n}`,
                  lines: lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
                  carrier: 'Colissimo',
                  trackingNumbers: ['6A12345678901'],
                  trackingUrl: null,
                  shippedAt: new Date(),
                },
              );
            }
          } else if (c.kind === 'return' || c.kind === 'restock') {
            await createStockRepo(t.ctx.db).applyMovement(shop.id, {
              warehouseId: whs[c.wh]!.id,
              skuId: skuIds[c.sku]!,
              delta: c.qty,
              reason: c.kind === 'return' ? 'returned' : 'received',
              reference: `${c.kind}-${n}`,
            });
          } else if (c.kind === 'snapshot') {
            await applyInventorySnapshot(
              { db: t.ctx.db, queues: t.ctx.queues },
              {
                who: { keyId: 0, shopId: shop.id, warehouseId: whs[c.wh]!.id },
                snapshotId: `snap-${n}`,
                takenAt: new Date(),
                items: [{ sku: SKUS[c.sku]!, onHand: c.count }],
              },
            );
          }
          await invariants(shop.id);
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('converges to the same stock whatever order the same movements arrive in, repeats included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ sku: fc.nat(2), wh: fc.nat(1), qty: fc.integer({ min: -3, max: 8 }) }), {
          minLength: 1,
          maxLength: 15,
        }),
        fc.integer(),
        async (moves, seed) => {
          const results: string[] = [];
          for (const permuted of [
            moves.map((m, i) => ({ ...m, ref: i })),
            shuffle(
              moves.map((m, i) => ({ ...m, ref: i })),
              seed,
            ),
          ]) {
            const shop = await seedShop(t.ctx.db);
            const whs = [await seedWarehouse(t.ctx.db, shop.id), await seedWarehouse(t.ctx.db, shop.id)];
            const skuIds = await Promise.all(SKUS.map((s) => seedSku(t.ctx.db, shop.id, s)));
            for (const w of whs) for (const id of skuIds) await receive(t.ctx.db, shop.id, w.id, id, 10);
            const repo = createStockRepo(t.ctx.db);
            // every movement twice: a redelivered movement must not count again
            for (const m of [...permuted, ...permuted]) {
              await repo.applyMovement(shop.id, {
                warehouseId: whs[m.wh]!.id,
                skuId: skuIds[m.sku]!,
                delta: m.qty,
                reason: 'adjusted',
                reference: `m-${m.ref}`,
              });
            }
            const levels = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.shopId, shop.id));
            results.push(
              JSON.stringify(
                levels
                  .map((l) => [whs.findIndex((w) => w.id === l.warehouseId), skuIds.indexOf(l.skuId), l.onHand])
                  .sort(),
              ),
            );
          }
          expect(results[1]).toBe(results[0]);
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});

function shuffle<T>(xs: T[], seed: number): T[] {
  let s = seed >>> 0;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
