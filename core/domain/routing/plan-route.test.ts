import { describe, expect, it } from 'vitest';
import { planRoute } from './plan-route.js';
import { defaultRules, type RoutingRule } from './rules.js';
import { buildLine, buildOrder, buildWarehouse } from './test-builders.js';
import type { RoutingWarehouse } from './types.js';

const now = new Date('2026-05-05T08:00:00Z'); // Tuesday 10:00 in Paris
const lyon = (o: Partial<RoutingWarehouse> = {}): RoutingWarehouse =>
  buildWarehouse({
    id: 'w-lyon',
    name: 'Lyon',
    latitude: 45.6,
    longitude: 5.1,
    cutoffTime: '13:00',
    zones: [{ code: 'FR', countries: ['FR'] }],
    serviceLevels: [{ code: 'standard', name: 'Standard', transitDays: { FR: 2 } }],
    costs: { FR: 5 },
    ...o,
  });
const paris = (o: Partial<RoutingWarehouse> = {}): RoutingWarehouse => buildWarehouse(o);
const units = (plan: ReturnType<typeof planRoute>, warehouseId: string): number =>
  plan.allocations
    .filter((a) => a.warehouseId === warehouseId)
    .flatMap((a) => a.lines)
    .reduce((s, l) => s + l.quantity, 0);

describe('planRoute with the default rules', () => {
  it('picks the cheaper warehouse when both keep the checkout promise', () => {
    const plan = planRoute(buildOrder({ deliverBy: '2026-05-07' }), [paris(), lyon()], defaultRules(), now);
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-lyon']);
    expect(plan.allocations[0]).toMatchObject({
      cost: 5,
      promise: { shipDate: '2026-05-05', deliverBy: '2026-05-07' },
    });
    expect(plan.trace.plan.decidedBy).toBe('cost');
  });

  it('keeps the promise before saving cost: past the Lyon cut-off, Paris ships', () => {
    const late = new Date('2026-05-05T11:30:00Z'); // 13:30 in Paris and Lyon
    const plan = planRoute(buildOrder({ deliverBy: '2026-05-07' }), [paris(), lyon()], defaultRules(), late);
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(plan.trace.plan.decidedBy).toBe('promise');
    const lyonRow = plan.trace.warehouses.find((w) => w.id === 'w-lyon')!;
    expect(lyonRow.verdicts.find((v) => v.rule === 'promise')).toMatchObject({
      outcome: 'ranked',
      score: 1,
      fields: { lateDays: 1, shipDate: '2026-05-06' },
    });
  });

  it('ships the whole order from one warehouse rather than splitting across cheaper ones', () => {
    const order = buildOrder({ lines: [buildLine(), buildLine({ lineId: 'l-2', sku: 'SKU-B' })] });
    const plan = planRoute(
      order,
      [paris(), lyon({ stock: { 'SKU-A': 5 } }), lyon({ id: 'w-lille', name: 'Lille', stock: { 'SKU-B': 5 } })],
      defaultRules(),
      now,
    );
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(plan.backorders).toEqual([]);
  });

  it('splits when no warehouse has everything, and backorders what nobody has', () => {
    const order = buildOrder({
      lines: [
        buildLine({ quantity: 3 }),
        buildLine({ lineId: 'l-2', sku: 'SKU-B', quantity: 2 }),
        buildLine({ lineId: 'l-3', sku: 'SKU-C' }),
      ],
    });
    const plan = planRoute(
      order,
      [paris({ stock: { 'SKU-A': 3 } }), lyon({ stock: { 'SKU-B': 1 } })],
      defaultRules(),
      now,
    );
    expect(plan.allocations).toHaveLength(2);
    expect(units(plan, 'w-paris')).toBe(3);
    expect(units(plan, 'w-lyon')).toBe(1);
    expect(plan.backorders).toEqual([
      { lineId: 'l-2', sku: 'SKU-B', quantity: 1, outcome: { kind: 'partial' } },
      { lineId: 'l-3', sku: 'SKU-C', quantity: 1, outcome: { kind: 'partial' } },
    ]);
    expect(plan.trace.summary).toMatchObject({
      outcome: 'partial',
      shipments: 2,
      allocatedUnits: 4,
      backorderedUnits: 2,
    });
  });

  it('spreads one line over two warehouses when neither has enough', () => {
    const order = buildOrder({ lines: [buildLine({ quantity: 5 })] });
    const plan = planRoute(
      order,
      [paris({ stock: { 'SKU-A': 3 } }), lyon({ stock: { 'SKU-A': 2 } })],
      defaultRules(),
      now,
    );
    expect(units(plan, 'w-paris') + units(plan, 'w-lyon')).toBe(5);
    expect(plan.allocations).toHaveLength(2);
  });
});

describe('scarce stock', () => {
  it("keeps a warehouse's last units when another ships for about the same price", () => {
    const order = buildOrder({ deliverBy: '2026-05-08' });
    // Lyon is 0.50 cheaper but would ship its last unit (scarcity 4 × 1/1); Lille has plenty.
    const lille = lyon({ id: 'w-lille', name: 'Lille', costs: { FR: 5.5 }, stock: { 'SKU-A': 50 } });
    const plan = planRoute(order, [lyon({ stock: { 'SKU-A': 1 } }), lille], defaultRules(), now);
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-lille']);
    // A real saving still wins over the scarcity price.
    const dear = lyon({ id: 'w-lille', name: 'Lille', costs: { FR: 9.5 }, stock: { 'SKU-A': 50 } });
    expect(
      planRoute(order, [lyon({ stock: { 'SKU-A': 1 } }), dear], defaultRules(), now).allocations.map(
        (a) => a.warehouseId,
      ),
    ).toEqual(['w-lyon']);
  });
});

describe('split and backorder policies', () => {
  const order = buildOrder({
    placedAt: '2026-05-05T07:00:00Z',
    deliverBy: '2026-05-08',
    lines: [buildLine({ unitPrice: 50 }), buildLine({ lineId: 'l-2', sku: 'SKU-B', unitPrice: 5 })],
  });
  const stock = [paris({ stock: { 'SKU-A': 1 } }), lyon({ stock: { 'SKU-B': 1 } })];
  const withPolicies = (...extra: RoutingRule[]): RoutingRule[] => [
    ...defaultRules().filter((r) => r.kind !== 'split' && r.kind !== 'backorder'),
    ...extra,
  ];

  it('never splits under policy never: ships the most value it can from one warehouse', () => {
    const plan = planRoute(order, stock, withPolicies({ kind: 'split', policy: 'never' }), now);
    // One unit either way; Paris's is worth 50, Lyon's 5, so Paris ships although Lyon is cheaper.
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(plan.backorders.map((b) => b.sku)).toEqual(['SKU-B']);
    expect(plan.trace.plan.decidedBy).toBe('value');
  });

  it('drops a split whose part is worth less than the minimum part value', () => {
    const allowed = planRoute(order, stock, withPolicies({ kind: 'split', policy: 'allowed' }), now);
    expect(allowed.allocations).toHaveLength(2);
    const min = planRoute(order, stock, withPolicies({ kind: 'split', policy: 'allowed', minPartValue: 10 }), now);
    expect(min.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(min.backorders).toEqual([{ lineId: 'l-2', sku: 'SKU-B', quantity: 1, outcome: { kind: 'partial' } }]);
  });

  it('caps the number of shipments', () => {
    const three = buildOrder({
      lines: ['SKU-A', 'SKU-B', 'SKU-C'].map((sku, i) => buildLine({ lineId: `l-${i}`, sku })),
    });
    const ws = [
      paris({ stock: { 'SKU-A': 1 } }),
      lyon({ stock: { 'SKU-B': 1 } }),
      lyon({ id: 'w-lille', name: 'Lille', stock: { 'SKU-C': 1 } }),
    ];
    expect(planRoute(three, ws, withPolicies({ kind: 'split', policy: 'allowed' }), now).allocations).toHaveLength(3);
    const capped = planRoute(three, ws, withPolicies({ kind: 'split', policy: 'max_shipments', maxShipments: 2 }), now);
    expect(capped.allocations).toHaveLength(2);
    expect(capped.backorders).toHaveLength(1);
  });

  it('holds the whole order under hold when it cannot ship complete', () => {
    const plan = planRoute(
      order,
      [paris({ stock: { 'SKU-A': 1 } })],
      withPolicies({ kind: 'backorder', policy: 'hold' }),
      now,
    );
    expect(plan.allocations).toEqual([]);
    expect(plan.backorders.map((b) => [b.sku, b.quantity, b.outcome.kind])).toEqual([
      ['SKU-A', 1, 'hold'],
      ['SKU-B', 1, 'hold'],
    ]);
    expect(plan.trace.summary.outcome).toBe('held');
  });

  it('ships a complete split under hold rather than waiting', () => {
    const plan = planRoute(order, stock, withPolicies({ kind: 'backorder', policy: 'hold' }), now);
    expect(plan.allocations).toHaveLength(2);
    expect(plan.backorders).toEqual([]);
  });

  it('dates cancellations from the order time', () => {
    const plan = planRoute(
      order,
      [paris({ stock: { 'SKU-A': 1 } })],
      withPolicies({ kind: 'backorder', policy: 'cancel_after_days', cancelAfterDays: 7 }),
      now,
    );
    expect(plan.backorders).toEqual([
      {
        lineId: 'l-2',
        sku: 'SKU-B',
        quantity: 1,
        outcome: { kind: 'cancel_at', cancelAt: '2026-05-12T07:00:00.000Z' },
      },
    ]);
  });
});

describe('filters', () => {
  it('rejects warehouses without a zone for the address, and says so', () => {
    const plan = planRoute(
      buildOrder({ shippingAddress: { countryCode: 'BE', postalCode: '1000' } }),
      [paris(), lyon()],
      defaultRules(),
      now,
    );
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    const row = plan.trace.warehouses.find((w) => w.id === 'w-lyon')!;
    expect(row).toMatchObject({ eligible: false, rejectedBy: 'coverage', rank: null, chosen: false });
    expect(row.verdicts[0]).toMatchObject({ rule: 'coverage', outcome: 'rejected', reason: 'no zone serves BE 1000' });
    expect(row.verdicts.slice(1).every((v) => v.outcome === 'skipped')).toBe(true);
  });

  it('applies eligibility by country, channel and SKU', () => {
    const rules: RoutingRule[] = [
      {
        kind: 'eligibility',
        id: 'lyon-fr-shopify',
        warehouses: ['w-lyon'],
        channels: ['shopify'],
        skuExclude: ['SKU-B'],
      },
      ...defaultRules(),
    ];
    const amazon = planRoute(buildOrder({ channel: 'amazon' }), [paris(), lyon()], rules, now);
    expect(amazon.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(amazon.trace.warehouses.find((w) => w.id === 'w-lyon')!.rejectedBy).toBe('lyon-fr-shopify');

    const mixed = buildOrder({
      deliverBy: '2026-05-08',
      lines: [buildLine(), buildLine({ lineId: 'l-2', sku: 'SKU-B' })],
    });
    const plan = planRoute(mixed, [paris({ stock: { 'SKU-A': 1 } }), lyon()], rules, now);
    // Lyon may not ship SKU-B, and Paris has no SKU-B: one line ships, the other waits.
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-lyon']);
    expect(plan.backorders.map((b) => b.sku)).toEqual(['SKU-B']);
    expect(plan.trace.warehouses.find((w) => w.id === 'w-lyon')!.verdicts[1]).toMatchObject({
      outcome: 'kept',
      fields: { blockedSkus: ['SKU-B'] },
    });
  });

  it('rejects warehouses with no capacity left today', () => {
    const rules: RoutingRule[] = [{ kind: 'capacity' }, ...defaultRules().filter((r) => r.kind !== 'capacity')];
    const plan = planRoute(
      buildOrder({ deliverBy: '2026-05-08' }),
      [paris(), lyon({ dailyCapacity: 100, usedToday: 100 })],
      rules,
      now,
    );
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(plan.trace.warehouses.find((w) => w.id === 'w-lyon')!.verdicts[1]).toMatchObject({
      rule: 'capacity',
      outcome: 'rejected',
      reason: '0 shipments left today (needs 1)',
    });
  });

  it('defers a full warehouse to its next shipping day, and still uses it when that keeps the promise', () => {
    const full = lyon({ dailyCapacity: 100, usedToday: 100, stock: { 'SKU-A': 5 } });
    const onTime = planRoute(buildOrder({ deliverBy: '2026-05-08' }), [paris(), full], defaultRules(), now);
    expect(onTime.allocations[0]).toMatchObject({
      warehouseId: 'w-lyon',
      promise: { shipDate: '2026-05-06', shipsToday: false, deliverBy: '2026-05-08' },
    });
    expect(onTime.trace.warehouses.find((w) => w.id === 'w-lyon')!.verdicts[1]).toMatchObject({
      outcome: 'kept',
      reason: '0 shipments left today (needs 1): ships 2026-05-06 instead, delivers 2026-05-08',
      fields: { capacityLeft: 0, shipDate: '2026-05-06' },
    });
    // With a tighter promise the one-day delay costs Lyon its place.
    const tight = planRoute(buildOrder({ deliverBy: '2026-05-07' }), [paris(), full], defaultRules(), now);
    expect(tight.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(tight.trace.plan.decidedBy).toBe('promise');
  });

  it('may split more once a filter removes the one warehouse that had everything', () => {
    // Stricter filters never ship more, but they can ship in more parcels.
    const order = buildOrder({ lines: [buildLine(), buildLine({ lineId: 'l-2', sku: 'SKU-B' })] });
    const ws = [
      paris(),
      lyon({ stock: { 'SKU-A': 1 } }),
      lyon({ id: 'w-lille', name: 'Lille', stock: { 'SKU-B': 1 } }),
    ];
    expect(planRoute(order, ws, defaultRules(), now).allocations).toHaveLength(1);
    const strict: RoutingRule[] = [
      { kind: 'eligibility', warehouses: ['w-paris'], countries: ['BE'] },
      ...defaultRules(),
    ];
    expect(
      planRoute(order, ws, strict, now)
        .allocations.map((a) => a.warehouseId)
        .sort(),
    ).toEqual(['w-lille', 'w-lyon']);
  });

  it('backorders everything when nothing is eligible', () => {
    const plan = planRoute(
      buildOrder({ shippingAddress: { countryCode: 'JP', postalCode: '100-0001' } }),
      [paris(), lyon()],
      defaultRules(),
      now,
    );
    expect(plan.allocations).toEqual([]);
    expect(plan.backorders).toEqual([{ lineId: 'l-1', sku: 'SKU-A', quantity: 1, outcome: { kind: 'partial' } }]);
    expect(plan.trace.summary).toMatchObject({
      outcome: 'backordered',
      text: 'No eligible warehouse: 1 unit backordered.',
    });
  });
});

describe('substitution', () => {
  const rules: RoutingRule[] = [
    ...defaultRules(),
    { kind: 'substitution', equivalents: [{ sku: 'SKU-A', substitutes: ['SKU-A2'] }] },
  ];
  const ws = [paris({ stock: { 'SKU-A2': 3, 'SKU-B': 1 } }), lyon({ stock: { 'SKU-A': 1 } })];
  const order = buildOrder({ lines: [buildLine(), buildLine({ lineId: 'l-2', sku: 'SKU-B' })] });

  it('substitutes when it saves a shipment, and shows it explicitly', () => {
    const plan = planRoute(order, ws, rules, now);
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-paris']);
    expect(plan.substitutions).toEqual([
      { lineId: 'l-1', originalSku: 'SKU-A', substituteSku: 'SKU-A2', quantity: 1, warehouseId: 'w-paris' },
    ]);
    expect(plan.allocations[0]!.lines).toContainEqual({
      lineId: 'l-1',
      sku: 'SKU-A2',
      quantity: 1,
      substitutedFor: 'SKU-A',
    });
    expect(plan.trace.plan.usedSubstitution).toBe(true);
  });

  it('does not substitute when the ordered SKU ships just as well', () => {
    const plan = planRoute(buildOrder(), ws, rules, now);
    expect(plan.substitutions).toEqual([]);
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-lyon']);
  });

  it('never substitutes for marketplace orders, nor without consent when consent is required', () => {
    for (const channel of ['amazon', 'ebay', 'mirakl']) {
      const plan = planRoute({ ...order, channel }, ws, rules, now);
      expect(plan.substitutions).toEqual([]);
      expect(plan.allocations).toHaveLength(2);
    }
    const consent: RoutingRule[] = [
      ...defaultRules(),
      { kind: 'substitution', requireConsent: true, equivalents: [{ sku: 'SKU-A', substitutes: ['SKU-A2'] }] },
    ];
    expect(planRoute(order, ws, consent, now).substitutions).toEqual([]);
    expect(planRoute({ ...order, allowSubstitution: true }, ws, consent, now).substitutions).toHaveLength(1);
  });
});

describe('proximity without coordinates', () => {
  it('falls back to the zone rank', () => {
    const rules: RoutingRule[] = [{ kind: 'proximity' }];
    const far = paris({
      id: 'w-far',
      name: 'Far',
      zones: [
        { code: 'EU', countries: ['DE'] },
        { code: 'FR', countries: ['FR'] },
      ],
    });
    const near = paris({ id: 'w-near', name: 'Near', zones: [{ code: 'FR', countries: ['FR'] }] });
    const plan = planRoute(
      buildOrder({ shippingAddress: { countryCode: 'FR', postalCode: '69001' } }),
      [far, near],
      rules,
      now,
    );
    expect(plan.allocations.map((a) => a.warehouseId)).toEqual(['w-near']);
    expect(
      plan.trace.warehouses.find((w) => w.id === 'w-far')!.verdicts.find((v) => v.rule === 'proximity'),
    ).toMatchObject({ score: 1, reason: 'zone rank 1 (distances unknown)' });
  });
});
