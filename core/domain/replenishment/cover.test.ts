import { describe, expect, it } from 'vitest';
import { daysOfCover, projectedStockoutDate, revenueAtRisk } from './cover.js';

describe('days of cover and stockout date', () => {
  it('available / mean demand', () => {
    expect(daysOfCover(300, 100)).toBe(3);
    expect(daysOfCover(350, 100)).toBe(3.5);
    expect(daysOfCover(-5, 100)).toBe(0);
  });

  it('null when there is no demand', () => {
    expect(daysOfCover(300, 0)).toBeNull();
    expect(projectedStockoutDate('2026-11-22', null)).toBeNull();
  });

  it('stockout on the first day that cannot be served in full', () => {
    expect(projectedStockoutDate('2026-11-22', 3.5)).toBe('2026-11-25');
    expect(projectedStockoutDate('2026-11-22', 3)).toBe('2026-11-25');
    expect(projectedStockoutDate('2026-11-22', 0)).toBe('2026-11-22');
    expect(projectedStockoutDate('2026-12-30', 40)).toBe('2027-02-08');
  });
});

describe('revenueAtRisk', () => {
  it('at risk when stock runs out within the lead time', () => {
    // 300 units, 100/day, L = 5: demand in lead time 500, short 200
    expect(revenueAtRisk({ available: 300, meanDailyDemand: 100, leadTimeDays: 5, unitPrice: 12 })).toEqual({
      perDayWhenOut: 1200,
      perDay: 1200,
      leadTimeShortfallUnits: 200,
      leadTimeShortfallRevenue: 2400,
    });
  });

  it('nothing at risk when stock outlasts the lead time', () => {
    expect(revenueAtRisk({ available: 500, meanDailyDemand: 100, leadTimeDays: 5, unitPrice: 12 })).toEqual({
      perDayWhenOut: 1200,
      perDay: 0,
      leadTimeShortfallUnits: 0,
      leadTimeShortfallRevenue: 0,
    });
  });

  it('nothing at risk without demand', () => {
    expect(revenueAtRisk({ available: 0, meanDailyDemand: 0, leadTimeDays: 5, unitPrice: 12 })).toEqual({
      perDayWhenOut: 0,
      perDay: 0,
      leadTimeShortfallUnits: 0,
      leadTimeShortfallRevenue: 0,
    });
  });
});
