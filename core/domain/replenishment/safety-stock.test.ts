import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceLevelZ } from './inverse-normal.js';
import { reorderPoint, safetyStock } from './safety-stock.js';

describe('safetyStock', () => {
  it('z·σd·√L without lead-time variability', () => {
    const ss = safetyStock({ serviceLevel: 0.95, meanDailyDemand: 100, demandStdDaily: 20, leadTimeDays: 4 });
    expect(ss).toBeCloseTo(serviceLevelZ(0.95) * 20 * 2, 9);
    expect(ss).toBeCloseTo(65.79, 2);
  });

  it('z·√(L·σd² + d²·σL²) with lead-time variability', () => {
    // √(4·400 + 10000·1) = √11600
    const ss = safetyStock({
      serviceLevel: 0.99,
      meanDailyDemand: 100,
      demandStdDaily: 20,
      leadTimeDays: 4,
      leadTimeStdDays: 1,
    });
    expect(ss).toBeCloseTo(serviceLevelZ(0.99) * Math.sqrt(11600), 9);
  });

  it('is zero with steady demand and lead time, and at a 50% service level or below', () => {
    expect(
      safetyStock({ serviceLevel: 0.99, meanDailyDemand: 100, demandStdDaily: 0, leadTimeDays: 5, leadTimeStdDays: 0 }),
    ).toBe(0);
    expect(safetyStock({ serviceLevel: 0.5, meanDailyDemand: 100, demandStdDaily: 20, leadTimeDays: 5 })).toBe(0);
    expect(safetyStock({ serviceLevel: 0.3, meanDailyDemand: 100, demandStdDaily: 20, leadTimeDays: 5 })).toBe(0);
  });

  it('rejects negative inputs', () => {
    expect(() => safetyStock({ serviceLevel: 0.95, meanDailyDemand: 1, demandStdDaily: -1, leadTimeDays: 5 })).toThrow(
      RangeError,
    );
    expect(() => safetyStock({ serviceLevel: 1, meanDailyDemand: 1, demandStdDaily: 1, leadTimeDays: 5 })).toThrow(
      RangeError,
    );
  });
});

describe('reorderPoint', () => {
  it('worked example: d = 100/day, L = 5 days, SS = 300 → ROP = 800', () => {
    expect(reorderPoint({ safetyStock: 300, meanDailyDemand: 100, leadTimeDays: 5 })).toBe(800);
  });
});

const level = fc.double({ min: 0.001, max: 0.999, noNaN: true });
const nonNeg = (max: number) => fc.double({ min: 0, max, noNaN: true });
const demand = fc.record({
  d: nonNeg(10_000),
  sd: nonNeg(5_000),
  L: nonNeg(365),
  sL: fc.option(nonNeg(60), { nil: null }),
});

describe('safety stock and reorder point properties', () => {
  it('ROP ≥ SS ≥ 0', () => {
    fc.assert(
      fc.property(level, demand, (serviceLevel, { d, sd, L, sL }) => {
        const ss = safetyStock({
          serviceLevel,
          meanDailyDemand: d,
          demandStdDaily: sd,
          leadTimeDays: L,
          leadTimeStdDays: sL,
        });
        const rop = reorderPoint({ safetyStock: ss, meanDailyDemand: d, leadTimeDays: L });
        expect(ss).toBeGreaterThanOrEqual(0);
        expect(rop).toBeGreaterThanOrEqual(ss);
      }),
    );
  });

  it('a higher service level never lowers safety stock', () => {
    fc.assert(
      fc.property(level, level, demand, (p, q, { d, sd, L, sL }) => {
        const [lo, hi] = p < q ? [p, q] : [q, p];
        const at = (serviceLevel: number) =>
          safetyStock({ serviceLevel, meanDailyDemand: d, demandStdDaily: sd, leadTimeDays: L, leadTimeStdDays: sL });
        expect(at(lo)).toBeLessThanOrEqual(at(hi));
      }),
    );
  });
});
