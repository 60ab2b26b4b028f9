import { buildContext, type RoutingContext } from './context.js';
import { comparePlansByRank, decidingCriterion, pickTop, planCriteria, usesKm, warehouseCriteria } from './criteria.js';
import { evaluateWarehouse, type WarehouseEvaluation } from './evaluate.js';
import { outcomeOf } from './outcome.js';
import { allocateWithin, enumeratePlans, type CandidatePlan, type PlanLimits } from './plans.js';
import type { RoutingRule } from './rules.js';
import { buildTrace } from './trace.js';
import type { RoutePlan } from './trace-types.js';
import type { RoutingOrder, RoutingWarehouse } from './types.js';

const byId = (a: WarehouseEvaluation, b: WarehouseEvaluation): number =>
  a.warehouse.id < b.warehouse.id ? -1 : a.warehouse.id > b.warehouse.id ? 1 : 0;

function limitsOf(ctx: RoutingContext): PlanLimits {
  const rule = ctx.split;
  const maxShipments =
    !rule || rule.policy === 'allowed'
      ? Number.POSITIVE_INFINITY
      : rule.policy === 'never'
        ? 1
        : (rule.maxShipments ?? 1);
  return { maxShipments, minPartValue: rule?.minPartValue ?? 0 };
}

/** A plan with substitutes is worth it only if it ships more (value, then units) or in fewer shipments. */
function substitutionPays(withSubs: CandidatePlan, without: CandidatePlan): boolean {
  const dv = withSubs.allocatedValue - without.allocatedValue;
  if (Math.abs(dv) > 1e-9) return dv > 0;
  if (withSubs.allocatedUnits !== without.allocatedUnits) return withSubs.allocatedUnits > without.allocatedUnits;
  return withSubs.shipments.length < without.shipments.length;
}

/**
 * Decides which warehouses ship an order. Pure and deterministic: the same order, candidates
 * (in any order), rules and `now` always give the same plan.
 *
 * Filtering rules (and the built-in coverage check) reject warehouses; ranking rules order
 * them, lexicographically in rule order; then every plan over the eligible warehouses allowed by
 * the split policy is built and the plan shipping the most (value, then units) wins, ties broken by the same
 * ranking rules applied to whole plans (shipments, worst promise, total cost, total distance,
 * priorities). Substitutes are used only when they save a backorder or a shipment. What is left
 * follows the backorder policy.
 */
export function planRoute(
  order: RoutingOrder,
  candidates: readonly RoutingWarehouse[],
  rules: readonly RoutingRule[],
  now: Date,
): RoutePlan {
  const ctx = buildContext(order, rules, now);
  const evaluations = candidates.map((w) => evaluateWarehouse(ctx, w)).sort(byId);
  const eligible = evaluations.filter((ev) => ev.rejectedBy === null);
  const useKm = usesKm(ctx, eligible);
  const withSubstitutes = ctx.substitutes.size > 0;
  const coverage = new Map(
    eligible.map((ev) => [ev, allocateWithin(ctx, [{ ev, rank: 0 }], withSubstitutes).allocatedUnits]),
  );
  const ranked = pickTop(
    eligible,
    warehouseCriteria(ctx, useKm, (ev) => ctx.orderedUnits - (coverage.get(ev) ?? 0)),
    byId,
    eligible.length,
  );

  const limits = limitsOf(ctx);
  const criteria = planCriteria(ctx, useKm);
  const holding = ctx.backorder?.policy === 'hold';
  const allowed = (plans: CandidatePlan[]): CandidatePlan[] =>
    holding ? plans.filter((p) => p.allocatedUnits === ctx.orderedUnits || p.shipments.length === 0) : plans;

  const base = enumeratePlans(ctx, ranked, false, limits);
  let top = pickTop(allowed(base), criteria, comparePlansByRank, 4);
  let considered = base.length;
  if (withSubstitutes) {
    const subs = enumeratePlans(ctx, ranked, true, limits);
    considered += subs.length;
    const topSubs = pickTop(allowed(subs), criteria, comparePlansByRank, 4);
    const a = top[0]!;
    const b = topSubs[0]!;
    if (substitutionPays(b, a)) top = topSubs;
  }
  const chosen = top[0]!;
  const runnersUp = top.slice(1);
  const outcome = outcomeOf(ctx, chosen);
  const decidedBy = runnersUp[0] ? decidingCriterion(chosen, runnersUp[0], criteria) : null;
  const trace = buildTrace(ctx, {
    evaluations,
    ranked,
    useKm,
    coverage,
    chosen,
    runnersUp,
    considered,
    decidedBy,
    outcome,
  });
  return {
    allocations: outcome.allocations,
    backorders: outcome.backorders,
    substitutions: outcome.substitutions,
    trace,
  };
}
