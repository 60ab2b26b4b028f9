import { describe, expect, it } from 'vitest';
import {
  belowReorderPointAlert,
  deadStockAlert,
  outOfStockWithBackordersAlert,
  overstockAlert,
  stockoutWithinLeadTimeAlert,
  type AlertInputs,
  type ReplenishmentAlert,
} from './alerts.js';

describe('belowReorderPointAlert', () => {
  const inputs = {
    available: 120,
    onOrder: 0,
    backorders: 0,
    inventoryPosition: 120,
    safetyStock: 300,
    meanDailyDemand: 100,
    leadTimeDays: 5,
    reorderPoint: 800,
  };

  it('shows the ROP worked example in its formula', () => {
    const alert = belowReorderPointAlert('SKU-1', inputs);
    expect(alert).toMatchObject({ kind: 'below_reorder_point', sku: 'SKU-1', severity: 'critical', inputs });
    expect(alert?.formula).toBe(
      'ROP = SS + d·L = 300 + 100×5 = 800; position = available + on order − backorders = 120 + 0 − 0 = 120 ≤ 800',
    );
  });

  it('is a warning while the position is still above safety stock, and silent above the ROP', () => {
    expect(belowReorderPointAlert('S', { ...inputs, available: 500, inventoryPosition: 500 })?.severity).toBe(
      'warning',
    );
    expect(belowReorderPointAlert('S', { ...inputs, available: 801, inventoryPosition: 801 })).toBeNull();
    expect(belowReorderPointAlert('S', { ...inputs, available: 800, inventoryPosition: 800 })).not.toBeNull();
  });

  it('needs demand or backorders', () => {
    const none = { ...inputs, meanDailyDemand: 0, safetyStock: 0, reorderPoint: 0, available: 0, inventoryPosition: 0 };
    expect(belowReorderPointAlert('S', none)).toBeNull();
    expect(belowReorderPointAlert('S', { ...none, backorders: 2, inventoryPosition: -2 })).not.toBeNull();
  });
});

describe('other alerts', () => {
  it('stockout within lead time', () => {
    const alert = stockoutWithinLeadTimeAlert(
      'S',
      { available: 300, meanDailyDemand: 100, leadTimeDays: 5 },
      '2026-11-22',
    );
    expect(alert).toMatchObject({
      kind: 'stockout_within_lead_time',
      severity: 'critical',
      formula: 'cover = available / d = 300 / 100 = 3 days < L = 5 days',
      inputs: {
        available: 300,
        meanDailyDemand: 100,
        leadTimeDays: 5,
        daysOfCover: 3,
        projectedStockoutDate: '2026-11-25',
      },
    });
    expect(
      stockoutWithinLeadTimeAlert('S', { available: 500, meanDailyDemand: 100, leadTimeDays: 5 }, '2026-11-22'),
    ).toBeNull();
    expect(
      stockoutWithinLeadTimeAlert('S', { available: 0, meanDailyDemand: 0, leadTimeDays: 5 }, '2026-11-22'),
    ).toBeNull();
  });

  it('out of stock with backorders', () => {
    expect(outOfStockWithBackordersAlert('S', { onHand: 4, reserved: 4, backorders: 12 })).toMatchObject({
      kind: 'out_of_stock_with_backorders',
      formula: 'available = on hand − reserved = 4 − 4 = 0 ≤ 0; backorders = 12 > 0',
      inputs: { onHand: 4, reserved: 4, available: 0, backorders: 12 },
    });
    expect(outOfStockWithBackordersAlert('S', { onHand: 5, reserved: 4, backorders: 12 })).toBeNull();
    expect(outOfStockWithBackordersAlert('S', { onHand: 0, reserved: 0, backorders: 0 })).toBeNull();
  });

  it('overstock', () => {
    expect(overstockAlert('S', { available: 5000, meanDailyDemand: 10, overstockDays: 180 })).toMatchObject({
      kind: 'overstock',
      severity: 'info',
      formula: 'cover = available / d = 5000 / 10 = 500 days > 180 days',
      inputs: { daysOfCover: 500 },
    });
    expect(overstockAlert('S', { available: 1800, meanDailyDemand: 10, overstockDays: 180 })).toBeNull();
    expect(overstockAlert('S', { available: 1800, meanDailyDemand: 0, overstockDays: 180 })).toBeNull();
  });

  it('dead stock after the configured number of days without a sale', () => {
    const sales = { lastSaleDate: '2026-08-23', historyStart: '2026-01-01' };
    // 24 Aug → 20 Nov inclusive is 89 days
    expect(deadStockAlert('S', 7, sales, '2026-11-20', 90)).toBeNull();
    expect(deadStockAlert('S', 7, sales, '2026-11-21', 90)).toMatchObject({
      kind: 'dead_stock',
      severity: 'warning',
      formula: 'days without sale = 2026-11-21 − 2026-08-24 + 1 = 90 ≥ 90',
      inputs: {
        available: 7,
        asOf: '2026-11-21',
        lastSaleDate: '2026-08-23',
        noSaleSince: '2026-08-24',
        daysWithoutSale: 90,
        deadStockDays: 90,
      },
    });
    expect(deadStockAlert('S', 0, sales, '2026-11-21', 90)).toBeNull();
  });

  it('dead stock for a SKU that never sold counts from the start of its history', () => {
    const alert = deadStockAlert('S', 3, { lastSaleDate: null, historyStart: '2026-01-01' }, '2026-03-31', 90);
    expect(alert?.inputs).toMatchObject({ lastSaleDate: null, noSaleSince: '2026-01-01', daysWithoutSale: 90 });
    expect(alert?.message).toContain('no sale in the history since 2026-01-01');
    expect(deadStockAlert('S', 3, { lastSaleDate: null, historyStart: '2026-01-02' }, '2026-03-31', 90)).toBeNull();
  });

  it('every alert carries inputs the UI can render as named numbers and strings', () => {
    const alerts: (ReplenishmentAlert | null)[] = [
      belowReorderPointAlert('S', {
        available: 0,
        onOrder: 0,
        backorders: 1,
        inventoryPosition: -1,
        safetyStock: 0,
        meanDailyDemand: 1,
        leadTimeDays: 1,
        reorderPoint: 1,
      }),
      stockoutWithinLeadTimeAlert('S', { available: 1, meanDailyDemand: 1, leadTimeDays: 2 }, '2026-01-01'),
      outOfStockWithBackordersAlert('S', { onHand: 0, reserved: 0, backorders: 1 }),
      overstockAlert('S', { available: 100, meanDailyDemand: 0.1, overstockDays: 10 }),
      deadStockAlert('S', 1, { lastSaleDate: null, historyStart: '2025-01-01' }, '2026-01-01', 90),
    ];
    expect(alerts.map((a) => a?.kind)).toEqual([
      'below_reorder_point',
      'stockout_within_lead_time',
      'out_of_stock_with_backorders',
      'overstock',
      'dead_stock',
    ]);
    for (const a of alerts) {
      const inputs: AlertInputs = a?.inputs ?? {};
      for (const v of Object.values(inputs))
        expect(v === null || typeof v === 'string' || Number.isFinite(v)).toBe(true);
      expect(a?.message).toMatch(/^S: /);
    }
  });
});
