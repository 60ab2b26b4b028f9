import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { economicOrderQuantity, roundOrderQuantity, suggestedOrderQuantity } from './order-quantity.js';

describe('economicOrderQuantity', () => {
  it('worked example: D = 10,000, K = 50, H = 2 → EOQ ≈ 707.1', () => {
    const eoq = economicOrderQuantity({ annualDemand: 10_000, orderCost: 50, holdingCostPerUnitYear: 2 });
    expect(eoq).toBeCloseTo(707.1, 1);
    expect(eoq).toBeCloseTo(Math.sqrt(500_000), 12);
    expect(roundOrderQuantity(eoq ?? 0, { packSize: 1, moq: 1 })).toBe(708);
  });

  it('is 0 without demand and null when holding costs nothing or inputs are invalid', () => {
    expect(economicOrderQuantity({ annualDemand: 0, orderCost: 50, holdingCostPerUnitYear: 2 })).toBe(0);
    expect(economicOrderQuantity({ annualDemand: 100, orderCost: 50, holdingCostPerUnitYear: 0 })).toBeNull();
    expect(economicOrderQuantity({ annualDemand: -1, orderCost: 50, holdingCostPerUnitYear: 2 })).toBeNull();
    expect(economicOrderQuantity({ annualDemand: Number.NaN, orderCost: 50, holdingCostPerUnitYear: 2 })).toBeNull();
  });
});

describe('roundOrderQuantity', () => {
  it.each([
    [707.1, 1, 1, 708],
    [707.1, 10, 1, 710],
    [707.1, 12, 1, 708],
    [707.1, 1, 1000, 1000],
    [707.1, 12, 1000, 1008],
    [720, 12, 0, 720],
    [720.0000000001, 12, 0, 720],
    [0, 6, 1, 6],
    [0, 6, 0, 0],
  ])('%s with pack %s and MOQ %s → %s', (q, packSize, moq, expected) => {
    expect(roundOrderQuantity(q, { packSize, moq })).toBe(expected);
  });

  it('rejects a pack size that is not a positive integer', () => {
    expect(() => roundOrderQuantity(10, { packSize: 0, moq: 1 })).toThrow(RangeError);
    expect(() => roundOrderQuantity(10, { packSize: 2.5, moq: 1 })).toThrow(RangeError);
  });

  it('is a multiple of the pack size, at least the MOQ and the quantity, and less than a pack above them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 5000 }),
        (q, packSize, moq) => {
          const r = roundOrderQuantity(q, { packSize, moq });
          expect(r % packSize).toBe(0);
          expect(r).toBeGreaterThanOrEqual(moq);
          expect(r).toBeGreaterThanOrEqual(q - 1e-6);
          expect(r).toBeLessThan(Math.max(q, moq) + packSize);
        },
      ),
    );
  });

  it('EOQ rounded is a multiple of the pack size and at least the MOQ', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 144 }),
        fc.integer({ min: 0, max: 2000 }),
        (D, K, H, packSize, moq) => {
          const eoq = economicOrderQuantity({ annualDemand: D, orderCost: K, holdingCostPerUnitYear: H });
          expect(eoq).not.toBeNull();
          const r = roundOrderQuantity(eoq ?? 0, { packSize, moq });
          expect(r % packSize).toBe(0);
          expect(r).toBeGreaterThanOrEqual(moq);
        },
      ),
    );
  });
});

describe('suggestedOrderQuantity', () => {
  const base = { reorderPoint: 800, eoq: 707.1, meanDailyDemand: 100, packSize: 10, moq: 100 };

  it('orders nothing above the reorder point', () => {
    expect(suggestedOrderQuantity({ ...base, inventoryPosition: 801 })).toBe(0);
  });

  it('orders the EOQ in whole packs at the reorder point', () => {
    expect(suggestedOrderQuantity({ ...base, inventoryPosition: 800 })).toBe(710);
  });

  it('orders enough to get back to the reorder point when that is more than the EOQ', () => {
    expect(suggestedOrderQuantity({ ...base, inventoryPosition: -200 })).toBe(1000);
  });

  it('orders nothing without demand, unless backorders make the position negative', () => {
    expect(suggestedOrderQuantity({ ...base, reorderPoint: 0, eoq: 0, meanDailyDemand: 0, inventoryPosition: 0 })).toBe(
      0,
    );
    expect(
      suggestedOrderQuantity({ ...base, reorderPoint: 0, eoq: 0, meanDailyDemand: 0, inventoryPosition: -3 }),
    ).toBe(100);
    expect(
      suggestedOrderQuantity({ ...base, reorderPoint: 0, eoq: 0, meanDailyDemand: 0, moq: 0, inventoryPosition: -3 }),
    ).toBe(10);
  });

  it('falls back to the reorder-point gap when there is no EOQ', () => {
    expect(suggestedOrderQuantity({ ...base, eoq: null, moq: 0, inventoryPosition: 755 })).toBe(50);
  });
});
