import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { serviceLevelZ } from './inverse-normal.js';
import { replenishment, type ReplenishmentParams } from './replenishment.js';
import { replenishmentForSkus } from './replenishment-set.js';
import type { DemandDay } from './types.js';

const asOf = '2026-11-22';
const history = (units: (i: number) => number, days = 90, price = 10): DemandDay[] =>
  Array.from({ length: days }, (_, i) => {
    const u = units(i);
    return { date: addDays(asOf, i - days + 1), units: u, revenue: u * price };
  });

const params = (over: Partial<ReplenishmentParams> = {}): ReplenishmentParams => ({
  sku: 'SKU-1',
  asOf,
  leadTimeDays: 5,
  orderCost: 50,
  holdingCostPerUnitYear: 2,
  unitPrice: 10,
  stock: { onHand: 1000, reserved: 0 },
  ...over,
});

describe('replenishment', () => {
  it('steady demand: no safety stock, ROP = d·L, EOQ from D = d × 365', () => {
    const r = replenishment(
      history(() => 100),
      params(),
    );
    expect(r.demand.meanDaily).toBe(100);
    expect(r.demand.stdDaily).toBe(0);
    expect(r.safetyStock).toBe(0);
    expect(r.reorderPoint).toBe(500);
    expect(r.annualDemand).toBe(36_500);
    expect(r.eoqRaw).toBeCloseTo(Math.sqrt((2 * 36_500 * 50) / 2), 9);
    expect(r.eoq).toBe(1351);
    expect(r.daysOfCover).toBe(10);
    expect(r.projectedStockoutDate).toBe('2026-12-02');
    expect(r.alerts).toEqual([]);
    expect(r.suggestedOrderQuantity).toBe(0);
  });

  it('variable demand: SS = z·σd·√L and ROP = SS + d·L', () => {
    const r = replenishment(
      history((i) => (i % 2 === 0 ? 80 : 120)),
      params(),
    );
    const sigma = 20 * Math.sqrt(90 / 89);
    expect(r.demand.stdDaily).toBeCloseTo(sigma, 9);
    expect(r.z).toBeCloseTo(1.645, 3);
    expect(r.safetyStock).toBeCloseTo(serviceLevelZ(0.95) * sigma * Math.sqrt(5), 9);
    expect(r.reorderPoint).toBeCloseTo(r.safetyStock + 500, 9);
  });

  it('lead-time variability: SS = z·√(L·σd² + d²·σL²)', () => {
    const r = replenishment(
      history(() => 100),
      params({ leadTimeStdDays: 1, policy: { serviceLevel: 0.99 } }),
    );
    expect(r.safetyStock).toBeCloseTo(serviceLevelZ(0.99) * 100, 9);
    expect(r.reorderPoint).toBeCloseTo(r.safetyStock + 500, 9);
  });

  it('below the reorder point: alert with the math, and an order in whole packs', () => {
    const r = replenishment(
      history(() => 100),
      params({ stock: { onHand: 450, reserved: 50, onOrder: 20, backorders: 0 }, packSize: 12, moq: 100 }),
    );
    expect(r.available).toBe(400);
    expect(r.inventoryPosition).toBe(420);
    const below = r.alerts.find((a) => a.kind === 'below_reorder_point');
    expect(below?.formula).toBe(
      'ROP = SS + d·L = 0 + 100×5 = 500; position = available + on order − backorders = 400 + 20 − 0 = 420 ≤ 500',
    );
    expect(r.alerts.map((a) => a.kind)).toEqual(['stockout_within_lead_time', 'below_reorder_point']);
    // EOQ 1350.9 → 1356 (113 packs of 12)
    expect(r.suggestedOrderQuantity).toBe(1356);
    expect(r.revenueAtRisk).toEqual({
      perDayWhenOut: 1000,
      perDay: 1000,
      leadTimeShortfallUnits: 100,
      leadTimeShortfallRevenue: 1000,
    });
  });

  it('out of stock with backorders: one critical out-of-stock alert, not a duplicate stockout alert', () => {
    const r = replenishment(
      history(() => 100),
      params({ stock: { onHand: 10, reserved: 10, backorders: 30 } }),
    );
    expect(r.alerts.map((a) => a.kind)).toEqual(['out_of_stock_with_backorders', 'below_reorder_point']);
    expect(r.alerts.every((a) => a.severity === 'critical')).toBe(true);
    expect(r.inventoryPosition).toBe(-30);
  });

  it('overstock beyond the configured cover', () => {
    const r = replenishment(
      history(() => 2),
      params({ stock: { onHand: 1000, reserved: 0 }, policy: { overstockDays: 120 } }),
    );
    expect(r.daysOfCover).toBe(500);
    expect(r.alerts.map((a) => a.kind)).toEqual(['overstock']);
  });

  it('zero-demand SKU: no division by zero, nothing to order, a dead-stock alert', () => {
    const r = replenishment(
      history(() => 0, 120),
      params({ stock: { onHand: 40, reserved: 0 } }),
    );
    expect(r.demand.meanDaily).toBe(0);
    expect(r.safetyStock).toBe(0);
    expect(r.reorderPoint).toBe(0);
    expect(r.eoqRaw).toBe(0);
    expect(r.eoq).toBe(0);
    expect(r.daysOfCover).toBeNull();
    expect(r.projectedStockoutDate).toBeNull();
    expect(r.suggestedOrderQuantity).toBe(0);
    expect(r.revenueAtRisk.perDay).toBe(0);
    for (const x of [r.z, r.safetyStock, r.reorderPoint, r.annualDemand, r.eoq, r.available, r.inventoryPosition])
      expect(Number.isFinite(x)).toBe(true);
    expect(r.alerts.map((a) => a.kind)).toEqual(['dead_stock']);
    expect(r.alerts[0]?.inputs).toMatchObject({ lastSaleDate: null, daysWithoutSale: 120, deadStockDays: 90 });
  });

  it('dead stock uses a last sale older than the history passed in', () => {
    const recent = history(() => 0, 30);
    expect(replenishment(recent, params({ stock: { onHand: 5, reserved: 0 } })).alerts).toEqual([]);
    const r = replenishment(recent, params({ stock: { onHand: 5, reserved: 0 }, lastSaleDate: '2026-06-01' }));
    expect(r.alerts.map((a) => a.kind)).toEqual(['dead_stock']);
  });

  it('passes the set-level ABC class through, and computes it for a set', () => {
    expect(
      replenishment(
        history(() => 1),
        params({ abcClass: 'B' }),
      ).abcClass,
    ).toBe('B');
    const results = replenishmentForSkus([
      { history: history(() => 100), params: params({ sku: 'big' }) },
      { history: history(() => 10), params: params({ sku: 'mid' }) },
      { history: history(() => 1), params: params({ sku: 'small' }) },
    ]);
    // revenue shares 100/111, 10/111, 1/111: before-shares 0, 0.90, 0.99
    expect(results.map((r) => [r.sku, r.abcClass])).toEqual([
      ['big', 'A'],
      ['mid', 'B'],
      ['small', 'C'],
    ]);
  });

  it('properties: ROP ≥ SS ≥ 0; a suggested order is whole packs and at least the MOQ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 500 }), { minLength: 1, maxLength: 60 }),
        fc.record({
          leadTimeDays: fc.integer({ min: 0, max: 60 }),
          leadTimeStdDays: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
          serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
          packSize: fc.integer({ min: 1, max: 48 }),
          moq: fc.integer({ min: 0, max: 500 }),
          onHand: fc.nat({ max: 5000 }),
          backorders: fc.nat({ max: 100 }),
        }),
        (units, p) => {
          const h = units.map((u, i) => ({ date: addDays(asOf, i - units.length + 1), units: u, revenue: u }));
          const r = replenishment(
            h,
            params({
              leadTimeDays: p.leadTimeDays,
              leadTimeStdDays: p.leadTimeStdDays,
              packSize: p.packSize,
              moq: p.moq,
              stock: { onHand: p.onHand, reserved: 0, backorders: p.backorders },
              policy: { serviceLevel: p.serviceLevel },
            }),
          );
          expect(r.safetyStock).toBeGreaterThanOrEqual(0);
          expect(r.reorderPoint).toBeGreaterThanOrEqual(r.safetyStock);
          if (r.suggestedOrderQuantity > 0) {
            expect(r.suggestedOrderQuantity % p.packSize).toBe(0);
            expect(r.suggestedOrderQuantity).toBeGreaterThanOrEqual(p.moq);
            expect(r.inventoryPosition + r.suggestedOrderQuantity).toBeGreaterThan(r.reorderPoint - 1e-9);
          }
          if (r.eoq > 0) {
            expect(r.eoq % p.packSize).toBe(0);
            expect(r.eoq).toBeGreaterThanOrEqual(p.moq);
          }
        },
      ),
    );
  });
});
