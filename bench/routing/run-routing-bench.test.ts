import { describe, expect, it } from 'vitest';
import { runRoutingBench } from './run-routing-bench.js';

describe('runRoutingBench on 300 orders', () => {
  const result = runRoutingBench({ orders: 300, seed: 7 });

  it('returns the documented JSON shape', () => {
    expect(result).toMatchObject({ bench: 'routing', orders: 300, seed: 7 });
    for (const side of [result.ours, result.reference]) {
      for (const key of [
        'split_rate',
        'cost',
        'promise_met',
        'km',
        'shipments',
        'backorder_rate',
        'fill_rate',
        'capacity_delayed',
      ] as const) {
        expect(typeof side[key]).toBe('number');
        expect(side[key]).toBeGreaterThanOrEqual(0);
      }
      for (const key of ['split_rate', 'promise_met', 'backorder_rate', 'fill_rate'] as const)
        expect(side[key]).toBeLessThanOrEqual(1);
      expect(Object.values(side.by_warehouse).reduce((s, n) => s + n, 0)).toBe(side.shipments);
      expect(side.shipments).toBeGreaterThan(0);
    }
    expect(result.cost_ratio).toBeCloseTo(result.ours.cost / result.reference.cost, 3);
    expect(typeof result.target_met).toBe('boolean');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('keeps a balanced ledger of quantities for both policies', () => {
    for (const ledger of [result.ledgers.ours, result.ledgers.reference]) {
      expect(ledger.allocated + ledger.backordered).toBe(ledger.ordered);
      expect(ledger.imbalance).toBe(0);
      expect(ledger.negativeStock).toBe(0);
      expect(ledger.overAllocatedLines).toBe(0);
    }
    expect(result.ledgers.ours.ordered).toBe(result.ledgers.reference.ordered);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(runRoutingBench({ orders: 300, seed: 7 })).toEqual(result);
    expect(runRoutingBench({ orders: 300, seed: 8 }).ledgers.ours.ordered).not.toBe(result.ledgers.ours.ordered);
  });
});
