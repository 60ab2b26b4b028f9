import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replenishmentSnapshot, stockAlerts } from '../../drizzle/schema/index.js';
import { createStockSettingsRepo } from '../../core/db/stock-settings-repo.js';
import { replenishment } from '../../core/domain/replenishment/index.js';
import { defaultStockSettings } from '../../drizzle/schema/index.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

describe('replenishment in set-based SQL (real Postgres) agrees with the TypeScript reference', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('computes the snapshot, raises the alerts with their math, and resolves them after a restock', async () => {
    const shop = await seedShop(t.ctx.db);
    await createStockSettingsRepo(t.ctx.db).save(shop.id, {
      ...defaultStockSettings,
      demandWindowDays: 30,
      defaultLeadTimeDays: 5,
      serviceLevel: 0.95,
      orderCost: 50,
      holdingRatePerYear: 0.2,
    });
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const skuId = await seedSku(t.ctx.db, shop.id, 'CAFE-1KG', '20.00');
    await receive(t.ctx.db, shop.id, wh.id, skuId, 20);
    const history: { date: string; units: number; revenue: number }[] = [];
    for (let i = 29; i >= 0; i--) {
      const units = 3 + (i % 4); // 3..6 a day
      await seedOrder(t.ctx.db, shop.id, {
        lines: [{ sku: 'CAFE-1KG', quantity: units, price: '20.00' }],
        placedAt: day(i),
      });
      history.push({ date: day(i).toISOString().slice(0, 10), units, revenue: units * 20 });
    }
    await recomputeReplenishment(
      { database: t.ctx.database, log: t.ctx.log, now: () => NOW },
      { shopId: shop.id, full: true },
    );

    const [snap] = await t.ctx.db.select().from(replenishmentSnapshot).where(eq(replenishmentSnapshot.skuId, skuId));
    const ref = replenishment(history, {
      sku: 'CAFE-1KG',
      asOf: '2026-11-22',
      leadTimeDays: 5,
      orderCost: 50,
      holdingCostPerUnitYear: 10 * 0.2,
      unitPrice: 20,
      stock: { onHand: 20, reserved: 0 },
      policy: { windowDays: 30, serviceLevel: 0.95 },
    });
    expect(snap!.meanDaily).toBeCloseTo(ref.demand.meanDaily, 6);
    expect(snap!.stdDaily).toBeCloseTo(ref.demand.stdDaily, 6);
    expect(snap!.safetyStock).toBeCloseTo(ref.safetyStock, 4);
    expect(snap!.reorderPoint).toBeCloseTo(ref.reorderPoint, 4);
    expect(snap!.eoq).toBe(ref.eoq);
    expect(snap!.abcClass).toBe('A');

    const open = await t.ctx.db
      .select()
      .from(stockAlerts)
      .where(and(eq(stockAlerts.skuId, skuId), eq(stockAlerts.status, 'open')));
    expect(open.map((a) => a.kind).sort()).toEqual(['below_reorder_point', 'stockout_within_lead_time']);
    const rop = open.find((a) => a.kind === 'below_reorder_point')!;
    expect(rop.formula).toMatch(/^ROP = SS \+ d·L = /);
    expect(rop.inputs).toMatchObject({ available: 20, leadTimeDays: 5 });

    // a longer lead time changes the figures: the same alerts are refreshed, not raised again
    await createStockSettingsRepo(t.ctx.db).save(shop.id, {
      ...defaultStockSettings,
      demandWindowDays: 30,
      defaultLeadTimeDays: 6,
      serviceLevel: 0.95,
      orderCost: 50,
      holdingRatePerYear: 0.2,
    });
    await recomputeReplenishment(
      { database: t.ctx.database, log: t.ctx.log, now: () => NOW },
      { shopId: shop.id, full: true },
    );
    const refreshed = await t.ctx.db
      .select()
      .from(stockAlerts)
      .where(and(eq(stockAlerts.skuId, skuId), eq(stockAlerts.status, 'open')));
    expect(refreshed.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());
    const rop6 = refreshed.find((a) => a.kind === 'below_reorder_point')!;
    expect(rop6.inputs).toMatchObject({ available: 20, leadTimeDays: 6 });
    expect(rop6.formula).not.toBe(rop.formula);

    // a delivery arrives: the alerts clear on the next run
    await receive(t.ctx.db, shop.id, wh.id, skuId, 300);
    await recomputeReplenishment({ database: t.ctx.database, log: t.ctx.log, now: () => NOW }, { shopId: shop.id });
    const after = await t.ctx.db.select().from(stockAlerts).where(eq(stockAlerts.skuId, skuId));
    expect(after.filter((a) => a.status === 'open')).toEqual([]);
    expect(after.filter((a) => a.status === 'resolved')).toHaveLength(2);
  });
});
