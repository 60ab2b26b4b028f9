import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { demandStats } from './demand-stats.js';
import type { DemandDay } from './types.js';

const series = (start: string, units: number[], price = 10): DemandDay[] =>
  units.map((u, i) => ({ date: addDays(start, i), units: u, revenue: u * price }));

describe('demandStats', () => {
  it('mean and sample standard deviation of a known series', () => {
    // 2 4 4 4 5 5 7 9: mean 5, Σ(x−5)² = 32, sample variance 32/7
    const s = demandStats(series('2026-01-01', [2, 4, 4, 4, 5, 5, 7, 9]), { asOf: '2026-01-08', windowDays: 8 });
    expect(s.days).toBe(8);
    expect(s.meanDaily).toBe(5);
    expect(s.stdDaily).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.stdDaily).toBeCloseTo(2.13809, 5);
    expect(s.totalUnits).toBe(40);
    expect(s.totalRevenue).toBe(400);
  });

  it('counts missing days inside the window as zero demand', () => {
    const dense = demandStats(series('2026-01-01', [3, 0, 0, 5, 0]), { asOf: '2026-01-05', windowDays: 5 });
    const sparse = demandStats(
      [
        { date: '2026-01-01', units: 3, revenue: 30 },
        { date: '2026-01-04', units: 5, revenue: 50 },
      ],
      { asOf: '2026-01-05', windowDays: 5, since: '2026-01-01' },
    );
    expect({ ...sparse, stdDaily: 0 }).toEqual({ ...dense, stdDaily: 0 });
    expect(sparse.stdDaily).toBeCloseTo(dense.stdDaily, 12);
    expect(dense.meanDaily).toBe(1.6);
    // values 3 0 0 5 0 around 1.6: 1.96 + 2.56 + 2.56 + 11.56 + 2.56 = 21.2, / 4
    expect(dense.stdDaily).toBeCloseTo(Math.sqrt(21.2 / 4), 12);
  });

  it('keeps only the window and ignores days after asOf', () => {
    const s = demandStats(series('2026-01-01', [100, 100, 1, 2, 3, 100]), { asOf: '2026-01-05', windowDays: 3 });
    expect(s.from).toBe('2026-01-03');
    expect(s.to).toBe('2026-01-05');
    expect(s.days).toBe(3);
    expect(s.meanDaily).toBe(2);
    expect(s.stdDaily).toBe(1);
  });

  it('does not count days before the SKU existed', () => {
    const s = demandStats(series('2026-03-01', [4, 6]), { asOf: '2026-03-02', windowDays: 90 });
    expect(s.days).toBe(2);
    expect(s.meanDaily).toBe(5);
    const withSince = demandStats(series('2026-03-01', [4, 6]), {
      asOf: '2026-03-02',
      windowDays: 90,
      since: '2026-02-21',
    });
    expect(withSince.days).toBe(10);
    expect(withSince.meanDaily).toBe(1);
  });

  it('adds up several rows for one day', () => {
    const s = demandStats(
      [
        { date: '2026-01-01', units: 1, revenue: 5 },
        { date: '2026-01-01', units: 2, revenue: 10 },
        { date: '2026-01-02', units: 3, revenue: 15 },
      ],
      { asOf: '2026-01-02', windowDays: 2 },
    );
    expect(s.meanDaily).toBe(3);
    expect(s.stdDaily).toBe(0);
  });

  it('finds the last sale over the whole history', () => {
    const s = demandStats(series('2026-01-01', [0, 4, 0, 0, 0, 0]), { asOf: '2026-01-06', windowDays: 2 });
    expect(s.totalUnits).toBe(0);
    expect(s.lastSaleDate).toBe('2026-01-02');
    expect(s.observedFrom).toBe('2026-01-01');
  });

  it('handles no history and single days without dividing by zero', () => {
    const empty = demandStats([], { asOf: '2026-01-10', windowDays: 7 });
    expect(empty).toMatchObject({
      days: 7,
      meanDaily: 0,
      stdDaily: 0,
      lastSaleDate: null,
      from: '2026-01-04',
      observedFrom: '2026-01-04',
    });
    const one = demandStats([{ date: '2026-01-10', units: 5, revenue: 1 }], { asOf: '2026-01-10', windowDays: 7 });
    expect(one).toMatchObject({ days: 1, meanDaily: 5, stdDaily: 0 });
    const future = demandStats([], { asOf: '2026-01-10', windowDays: 7, since: '2026-02-01' });
    expect(future).toMatchObject({ days: 0, meanDaily: 0, stdDaily: 0 });
  });

  it('rejects bad dates and windows', () => {
    expect(() =>
      demandStats([{ date: '2026-02-30', units: 1, revenue: 1 }], { asOf: '2026-03-01', windowDays: 7 }),
    ).toThrow(RangeError);
    expect(() => demandStats([], { asOf: '2026-03-01', windowDays: 0 })).toThrow(RangeError);
  });
});
