import { describe, expect, it } from 'vitest';
import { defaultRules, routingRuleSchema, routingRulesSchema, ruleIds, ruleLabelOf } from './rules.js';

describe('routingRulesSchema', () => {
  it('accepts the default rules unchanged', () => {
    expect(routingRulesSchema.parse(defaultRules())).toEqual(defaultRules());
  });

  it('accepts one rule of every kind', () => {
    const all = [
      { kind: 'eligibility', warehouses: ['w1'], countries: ['FR'], skuExclude: ['X'] },
      { kind: 'capacity', minRemaining: 2 },
      { kind: 'stock' },
      { kind: 'proximity', toleranceKm: 50 },
      { kind: 'promise', mode: 'earliest', toleranceDays: 1 },
      { kind: 'cost', tolerancePct: 5 },
      { kind: 'priority' },
      { kind: 'split', policy: 'max_shipments', maxShipments: 2, minPartValue: 15 },
      { kind: 'backorder', policy: 'cancel_after_days', cancelAfterDays: 10 },
      { kind: 'substitution', equivalents: [{ sku: 'A', substitutes: ['A2'] }], requireConsent: true },
    ];
    expect(routingRulesSchema.safeParse(all).success).toBe(true);
  });

  it('rejects incomplete or contradictory input with a path', () => {
    const noMax = routingRuleSchema.safeParse({ kind: 'split', policy: 'max_shipments' });
    expect(noMax.success).toBe(false);
    expect(noMax.error?.issues[0]?.path).toEqual(['maxShipments']);
    expect(routingRuleSchema.safeParse({ kind: 'backorder', policy: 'cancel_after_days' }).success).toBe(false);
    expect(routingRuleSchema.safeParse({ kind: 'teleport' }).success).toBe(false);
    expect(routingRuleSchema.safeParse({ kind: 'cost', tolerancePct: 150 }).success).toBe(false);
    expect(routingRuleSchema.safeParse({ kind: 'stock', id: 'coverage' }).success).toBe(false);
    expect(
      routingRulesSchema.safeParse([
        { kind: 'stock', id: 'a' },
        { kind: 'cost', id: 'a' },
      ]).success,
    ).toBe(false);
    expect(
      routingRulesSchema.safeParse([
        { kind: 'split', policy: 'never' },
        { kind: 'split', policy: 'allowed' },
      ]).success,
    ).toBe(false);
  });
});

describe('rule ids and labels', () => {
  it('derives stable ids from kinds, numbering repeats and avoiding explicit ids', () => {
    expect(
      ruleIds([{ kind: 'cost' }, { kind: 'priority', id: 'cost#2' }, { kind: 'cost' }, { kind: 'stock' }]),
    ).toEqual(['cost', 'cost#2', 'cost#3', 'stock']);
  });

  it('uses the rule label when given', () => {
    expect(ruleLabelOf({ kind: 'cost' })).toBe('Lowest shipping cost');
    expect(ruleLabelOf({ kind: 'cost', label: 'Cheapest' })).toBe('Cheapest');
  });
});
