import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMarketplace } from './context.js';
import { planRoute } from './plan-route.js';
import { routingRulesSchema, type RoutingRule } from './rules.js';
import { nowArb, orderArb, rulesArb, warehousesArb } from './test-arbitraries.js';
import type { RoutePlan } from './trace-types.js';
import type { RoutingWarehouse } from './types.js';
import { zoneFor } from './zones.js';

const runs = { numRuns: 300 };
const withSplit = (rules: RoutingRule[], split: RoutingRule): RoutingRule[] => [
  ...rules.filter((r) => r.kind !== 'split'),
  split,
];
const shipments = (plan: RoutePlan): number => plan.allocations.length;

describe('planRoute properties', () => {
  it('generates valid rule lists', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => routingRulesSchema.safeParse(rules).success),
      runs,
    );
  });

  it('never allocates more than is available per SKU and warehouse', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, (order, ws, rules, now) => {
        const plan = planRoute(order, ws, rules, now);
        const used = new Map<string, number>();
        for (const a of plan.allocations) {
          for (const l of a.lines)
            used.set(`${a.warehouseId}|${l.sku}`, (used.get(`${a.warehouseId}|${l.sku}`) ?? 0) + l.quantity);
        }
        for (const [key, q] of used) {
          const [wid, sku] = key.split('|') as [string, string];
          expect(q).toBeLessThanOrEqual(ws.find((w) => w.id === wid)!.stock[sku] ?? 0);
        }
        for (const a of plan.allocations) for (const l of a.lines) expect(l.quantity).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('conserves quantities per line: allocated (substitutes included) + backordered = ordered', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, (order, ws, rules, now) => {
        const plan = planRoute(order, ws, rules, now);
        for (const line of order.lines) {
          const allocated = plan.allocations
            .flatMap((a) => a.lines)
            .filter((l) => l.lineId === line.lineId)
            .reduce((s, l) => s + l.quantity, 0);
          const backordered = plan.backorders
            .filter((b) => b.lineId === line.lineId)
            .reduce((s, b) => s + b.quantity, 0);
          expect(allocated + backordered).toBe(line.quantity);
        }
        const substituted = plan.allocations
          .flatMap((a) => a.lines)
          .filter((l) => l.substitutedFor !== undefined)
          .reduce((s, l) => s + l.quantity, 0);
        expect(plan.substitutions.reduce((s, x) => s + x.quantity, 0)).toBe(substituted);
        expect(plan.trace.summary.allocatedUnits + plan.trace.summary.backorderedUnits).toBe(
          plan.trace.summary.orderedUnits,
        );
      }),
      runs,
    );
  });

  it('is deterministic, whatever the order of the candidates', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, fc.nat(), (order, ws, rules, now, seed) => {
        const first = planRoute(order, ws, rules, now);
        expect(planRoute(order, ws, rules, now)).toEqual(first);
        const shuffled = [...ws].sort((a, b) => hash(a.id, seed) - hash(b.id, seed) || a.id.localeCompare(b.id));
        expect(planRoute(order, shuffled, rules, now)).toEqual(first);
      }),
      runs,
    );
  });

  it('never ships more parcels under split never than under allowed, nor more than max_shipments', () => {
    fc.assert(
      fc.property(
        orderArb,
        warehousesArb,
        rulesArb,
        nowArb,
        fc.integer({ min: 1, max: 3 }),
        (order, ws, rules, now, max) => {
          const never = planRoute(order, ws, withSplit(rules, { kind: 'split', policy: 'never' }), now);
          const allowed = planRoute(order, ws, withSplit(rules, { kind: 'split', policy: 'allowed' }), now);
          const capped = planRoute(
            order,
            ws,
            withSplit(rules, { kind: 'split', policy: 'max_shipments', maxShipments: max }),
            now,
          );
          expect(shipments(never)).toBeLessThanOrEqual(1);
          expect(shipments(never)).toBeLessThanOrEqual(Math.max(1, shipments(allowed)));
          if (shipments(never) === 1) expect(shipments(allowed)).toBeGreaterThanOrEqual(1);
          expect(shipments(capped)).toBeLessThanOrEqual(max);
          expect(shipments(never)).toBeLessThanOrEqual(Math.max(1, shipments(capped)));
        },
      ),
      runs,
    );
  });

  it('a stricter eligibility rule never ships more value nor uses the excluded warehouse', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, (order, ws, rules, now) => {
        const loose = planRoute(order, ws, rules, now);
        const excluded = ws[0]!.id;
        const strict = planRoute(
          order,
          ws,
          [{ kind: 'eligibility', id: 'strict', warehouses: [excluded], countries: [] }, ...rules],
          now,
        );
        expect(strict.allocations.map((a) => a.warehouseId)).not.toContain(excluded);
        const price = new Map(order.lines.map((l) => [l.lineId, l.unitPrice]));
        const valueOf = (p: RoutePlan): number =>
          p.allocations.flatMap((a) => a.lines).reduce((s, l) => s + l.quantity * price.get(l.lineId)!, 0);
        expect(valueOf(strict)).toBeLessThanOrEqual(valueOf(loose) + 1e-9);
      }),
      runs,
    );
  });

  it('never allocates to an ineligible warehouse', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, (order, ws, rules, now) => {
        const plan = planRoute(order, ws, rules, now);
        const rows = new Map(plan.trace.warehouses.map((w) => [w.id, w]));
        for (const a of plan.allocations) {
          const w = ws.find((x) => x.id === a.warehouseId) as RoutingWarehouse;
          expect(rows.get(a.warehouseId)!.eligible).toBe(true);
          expect(zoneFor(w, order.shippingAddress)).not.toBeNull();
          const capacityRule = rules.find((r) => r.kind === 'capacity');
          if (
            capacityRule?.kind === 'capacity' &&
            capacityRule.whenFull !== 'defer' &&
            typeof w.dailyCapacity === 'number'
          ) {
            expect(w.dailyCapacity - w.usedToday).toBeGreaterThanOrEqual(1);
          }
          if (
            capacityRule?.kind === 'capacity' &&
            typeof w.dailyCapacity === 'number' &&
            w.dailyCapacity - w.usedToday < 1
          )
            expect(a.promise.shipsToday).toBe(false);
          for (const r of rules) {
            if (r.kind !== 'eligibility' || (r.warehouses && !r.warehouses.includes(w.id))) continue;
            if (r.countries) expect(r.countries).toContain(order.shippingAddress.countryCode);
            for (const l of a.lines) expect(r.skuExclude ?? []).not.toContain(l.sku);
          }
        }
      }),
      runs,
    );
  });

  it('never substitutes for marketplace orders', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => isMarketplace(o.channel)),
        warehousesArb,
        rulesArb,
        nowArb,
        (order, ws, rules, now) => {
          const plan = planRoute(order, ws, rules, now);
          expect(plan.substitutions).toEqual([]);
          for (const a of plan.allocations) {
            for (const l of a.lines) expect(l.sku).toBe(order.lines.find((x) => x.lineId === l.lineId)!.sku);
          }
        },
      ),
      runs,
    );
  });

  it('produces a trace with a verdict for every warehouse and rule', () => {
    fc.assert(
      fc.property(orderArb, warehousesArb, rulesArb, nowArb, (order, ws, rules, now) => {
        const { trace, allocations } = planRoute(order, ws, rules, now);
        expect(trace.warehouses).toHaveLength(ws.length);
        for (const row of trace.warehouses) {
          expect(row.verdicts.map((v) => v.rule)).toEqual(trace.rules.map((r) => r.id));
          expect(row.eligible).toBe(row.rejectedBy === null);
          expect(row.verdicts.filter((v) => v.outcome === 'rejected')).toHaveLength(row.eligible ? 0 : 1);
          expect(row.chosen).toBe(allocations.some((a) => a.warehouseId === row.id));
        }
        expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
      }),
      runs,
    );
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 2654435761);
  return h >>> 0;
}
