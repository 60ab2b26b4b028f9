import { dateToUtcMs, daysBetween, isIsoDate } from './calendar.js';
import type { RoutingContext } from './context.js';
import { usable, type WarehouseEvaluation } from './evaluate.js';
import type { CandidatePlan } from './plans.js';
import type { RankingRule, RoutingRule, RuleOf } from './rules.js';

const EPS = 1e-9;
const DAY_MS = 86_400_000;

/** One step of a lexicographic comparison: lower values win; values within `slack(best)` of the best tie. */
export interface Criterion<T> {
  id: string;
  value(x: T): number;
  slack(best: number): number;
}

/**
 * The `count` best items: each pick keeps, criterion by criterion, the items within slack of the
 * best remaining value, then takes the first survivor by `tieBreak`.
 */
export function pickTop<T>(
  items: readonly T[],
  criteria: readonly Criterion<T>[],
  tieBreak: (a: T, b: T) => number,
  count: number,
): T[] {
  const remaining = [...items];
  const out: T[] = [];
  while (out.length < count && remaining.length > 0) {
    let survivors = remaining;
    for (const c of criteria) {
      if (survivors.length <= 1) break;
      const best = Math.min(...survivors.map((x) => c.value(x)));
      const limit = best + c.slack(best) + EPS;
      survivors = survivors.filter((x) => c.value(x) <= limit || c.value(x) === best);
    }
    const winner = [...survivors].sort(tieBreak)[0]!;
    out.push(winner);
    remaining.splice(remaining.indexOf(winner), 1);
  }
  return out;
}

/** The first criterion on which `other` falls outside the slack of `best`, else `tie_break`. */
export function decidingCriterion<T>(best: T, other: T, criteria: readonly Criterion<T>[]): string {
  for (const c of criteria) {
    const b = c.value(best);
    const o = c.value(other);
    if (o > b + c.slack(b) + EPS && o !== b) return c.id;
  }
  return 'tie_break';
}

const isRanking = (r: RoutingRule): r is RankingRule =>
  r.kind === 'stock' || r.kind === 'proximity' || r.kind === 'promise' || r.kind === 'cost' || r.kind === 'priority';

/** The order's checkout deadline when the rule ranks against it. */
export function deadlineFor(ctx: RoutingContext, rule: RankingRule): string | null {
  if (rule.kind !== 'promise' || rule.mode === 'earliest') return null;
  const d = ctx.order.deliverBy;
  return d && isIsoDate(d) ? d : null;
}

/** Days a delivery date falls after a deadline (0 when on time). */
export const lateDaysOf = (deliverBy: string, deadline: string): number =>
  Math.max(0, daysBetween(deadline, deliverBy));

const dayNumber = (date: string): number => dateToUtcMs(date) / DAY_MS;

/** True when the proximity rule compares km: the order and every warehouse have coordinates. */
export function usesKm(ctx: RoutingContext, evs: readonly WarehouseEvaluation[]): boolean {
  return ctx.orderPoint !== null && evs.every((e) => e.distanceKm !== null);
}

function slackOf(rule: RankingRule, useKm: boolean): (best: number) => number {
  switch (rule.kind) {
    case 'proximity':
      return () => (useKm ? (rule.toleranceKm ?? 0) : 0);
    case 'promise':
      return () => rule.toleranceDays ?? 0;
    case 'cost':
      return (best) =>
        Math.max(rule.tolerance ?? 0, Number.isFinite(best) ? (Math.abs(best) * (rule.tolerancePct ?? 0)) / 100 : 0);
    default:
      return () => 0;
  }
}

/** The value a ranking rule gives one warehouse shipping alone; `missingUnits` is what it cannot cover. */
export function warehouseMetric(
  ctx: RoutingContext,
  rule: RankingRule,
  ev: WarehouseEvaluation,
  useKm: boolean,
  missingUnits: number,
): number {
  switch (rule.kind) {
    case 'stock':
      return missingUnits;
    case 'proximity':
      return useKm ? (ev.distanceKm ?? Infinity) : (ev.zone?.rank ?? Infinity);
    case 'promise': {
      if (!ev.promise) return Infinity;
      const deadline = deadlineFor(ctx, rule);
      return deadline ? lateDaysOf(ev.promise.deliverBy, deadline) : dayNumber(ev.promise.deliverBy);
    }
    case 'cost':
      return (
        (ev.cost ?? Infinity) +
        scarcityOf(
          rule,
          ev,
          ctx.lines.map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, usable(ev, l.sku)) })),
        )
      );
    case 'priority':
      return ev.warehouse.priority;
  }
}

/** The opportunity cost of the stock a shipment takes from a warehouse (0 without `scarcityCost`). */
export function scarcityOf(
  rule: RuleOf<'cost'>,
  ev: WarehouseEvaluation,
  parts: readonly { sku: string; quantity: number }[],
): number {
  const weight = rule.scarcityCost ?? 0;
  if (weight === 0) return 0;
  let total = 0;
  for (const p of parts) {
    const available = usable(ev, p.sku);
    if (p.quantity > 0 && available > 0) total += (weight * p.quantity) / available;
  }
  return total;
}

/** The value a ranking rule gives a whole plan. */
export function planMetric(ctx: RoutingContext, rule: RankingRule, plan: CandidatePlan, useKm: boolean): number {
  const sum = (f: (ev: WarehouseEvaluation) => number): number => plan.shipments.reduce((s, sh) => s + f(sh.ev), 0);
  switch (rule.kind) {
    case 'stock':
      return plan.shipments.length;
    case 'proximity':
      return sum((ev) => (useKm ? (ev.distanceKm ?? Infinity) : (ev.zone?.rank ?? Infinity)));
    case 'promise': {
      const deadline = deadlineFor(ctx, rule);
      let worst = 0;
      for (const { ev } of plan.shipments) {
        const v = !ev.promise
          ? Infinity
          : deadline
            ? lateDaysOf(ev.promise.deliverBy, deadline)
            : dayNumber(ev.promise.deliverBy);
        worst = Math.max(worst, v);
      }
      return worst;
    }
    case 'cost':
      return plan.shipments.reduce((s, sh) => s + (sh.ev.cost ?? Infinity) + scarcityOf(rule, sh.ev, sh.parts), 0);
    case 'priority':
      return sum((ev) => ev.warehouse.priority);
  }
}

/** The ranking rules with their trace ids, in rule order. */
export function rankingRules(ctx: RoutingContext): { id: string; rule: RankingRule }[] {
  return ctx.rules.flatMap((rule, i) => (isRanking(rule) ? [{ id: ctx.ids[i]!, rule }] : []));
}

/** Criteria for ranking warehouses. */
export function warehouseCriteria(
  ctx: RoutingContext,
  useKm: boolean,
  missing: (ev: WarehouseEvaluation) => number,
): Criterion<WarehouseEvaluation>[] {
  return rankingRules(ctx).map(({ id, rule }) => ({
    id,
    value: (ev) => warehouseMetric(ctx, rule, ev, useKm, missing(ev)),
    slack: slackOf(rule, useKm),
  }));
}

/**
 * Criteria for choosing a plan: the most merchandise value shipped, then the most units, then the
 * ranking rules, then fewer substitutions.
 */
export function planCriteria(ctx: RoutingContext, useKm: boolean): Criterion<CandidatePlan>[] {
  return [
    { id: 'value', value: (p) => -p.allocatedValue, slack: () => 0 },
    { id: 'units', value: (p) => -p.allocatedUnits, slack: () => 0 },
    ...rankingRules(ctx).map(({ id, rule }): Criterion<CandidatePlan> => ({
      id,
      value: (p) => planMetric(ctx, rule, p, useKm),
      slack: slackOf(rule, useKm),
    })),
    { id: 'substitutions', value: (p) => p.substitutedUnits, slack: () => 0 },
  ];
}

/** Prefers plans whose warehouses rank better, then fewer warehouses. */
export function comparePlansByRank(a: CandidatePlan, b: CandidatePlan): number {
  const n = Math.min(a.shipments.length, b.shipments.length);
  for (let i = 0; i < n; i++) {
    const d = a.shipments[i]!.rank - b.shipments[i]!.rank;
    if (d !== 0) return d;
  }
  return a.shipments.length - b.shipments.length;
}
