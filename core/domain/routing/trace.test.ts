import { describe, expect, it } from 'vitest';
import { planRoute } from './plan-route.js';
import { defaultRules, type RoutingRule } from './rules.js';
import { buildLine, buildOrder, buildWarehouse } from './test-builders.js';

const now = new Date('2026-05-05T08:00:00Z');
const rules: RoutingRule[] = [
  { kind: 'eligibility', id: 'no-be', warehouses: ['w-lille'], excludeCountries: ['FR'] },
  ...defaultRules(),
];
const ws = [
  buildWarehouse(),
  buildWarehouse({
    id: 'w-lyon',
    name: 'Lyon',
    costs: { 'FR-IDF': 5, FR: 5, BE: 9 },
    latitude: 45.6,
    longitude: 5.1,
    stock: { 'SKU-A': 1 },
  }),
  buildWarehouse({ id: 'w-lille', name: 'Lille', latitude: 50.6, longitude: 3.1 }),
  buildWarehouse({ id: 'w-berlin', name: 'Berlin', zones: [{ code: 'DE', countries: ['DE'] }] }),
];
const order = buildOrder({ deliverBy: '2026-05-07', lines: [buildLine({ quantity: 2 })] });

describe('trace', () => {
  const plan = planRoute(order, ws, rules, now);
  const { trace } = plan;

  it('has one column per rule, after the built-in coverage check', () => {
    expect(trace.rules.map((r) => r.id)).toEqual([
      'coverage',
      'no-be',
      'capacity',
      'stock',
      'promise',
      'cost',
      'proximity',
      'priority',
      'split',
      'backorder',
    ]);
    expect(trace.rules.map((r) => r.role)).toEqual([
      'filter',
      'filter',
      'filter',
      'ranking',
      'ranking',
      'ranking',
      'ranking',
      'ranking',
      'policy',
      'policy',
    ]);
  });

  it('has one row per candidate with a verdict in every column', () => {
    expect(trace.warehouses.map((w) => w.id).sort()).toEqual(['w-berlin', 'w-lille', 'w-lyon', 'w-paris']);
    for (const row of trace.warehouses) expect(row.verdicts.map((v) => v.rule)).toEqual(trace.rules.map((r) => r.id));
  });

  it('says which rule rejected whom and why', () => {
    const byId = new Map(trace.warehouses.map((w) => [w.id, w]));
    expect(byId.get('w-berlin')).toMatchObject({ eligible: false, rejectedBy: 'coverage', rank: null });
    expect(byId.get('w-lille')).toMatchObject({ eligible: false, rejectedBy: 'no-be', rank: null });
    expect(byId.get('w-lille')!.verdicts[1]).toMatchObject({ outcome: 'rejected', reason: 'does not ship to FR' });
  });

  it('ranks eligible warehouses and records the machine fields behind each score', () => {
    expect(trace.ranking).toEqual(['w-paris', 'w-lyon']);
    const lyon = trace.warehouses.find((w) => w.id === 'w-lyon')!;
    expect(lyon.rank).toBe(2);
    expect(lyon.verdicts.find((v) => v.rule === 'stock')).toMatchObject({
      outcome: 'ranked',
      score: 1,
      reason: 'covers 1 of 2 units',
      fields: { coveredUnits: 1, orderedUnits: 2, canShipAll: false },
    });
    // Lyon would ship its last unit: the cost rule adds the default scarcity price (4 × 1/1).
    expect(lyon.verdicts.find((v) => v.rule === 'cost')).toMatchObject({
      score: 9,
      reason: 'costs 5.00 to zone FR-IDF (+4.00 for scarce stock)',
      fields: { cost: 5, zone: 'FR-IDF', scarcityCost: 4 },
    });
    const paris = trace.warehouses.find((w) => w.id === 'w-paris')!;
    expect(paris).toMatchObject({ rank: 1, chosen: true, shippedUnits: 2 });
    expect(paris.verdicts.find((v) => v.rule === 'proximity')!.fields.distanceKm).toBeCloseTo(10.6, 0);
  });

  it('summarises the decision and why the runner-up lost', () => {
    expect(trace.summary).toMatchObject({
      outcome: 'single',
      shipments: 1,
      orderedUnits: 2,
      allocatedUnits: 2,
      backorderedUnits: 0,
      totalCost: 6,
    });
    expect(trace.plan.decidedBy).toBe('value');
    expect(trace.summary.text).toContain('Ships from Paris (2 units');
    expect(trace.plan.chosen).toMatchObject({
      warehouses: ['w-paris'],
      shipments: 1,
      cost: 6,
      latestDelivery: '2026-05-06',
      lateDays: 0,
    });
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
