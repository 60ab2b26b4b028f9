import { isIsoDate } from './calendar.js';
import type { RoutingContext } from './context.js';
import { deadlineFor, lateDaysOf, scarcityOf, warehouseMetric } from './criteria.js';
import { factsOf, round1, usable, type WarehouseEvaluation } from './evaluate.js';
import type { PlanOutcome } from './outcome.js';
import type { CandidatePlan } from './plans.js';
import { filterKinds, rankingKinds, ruleLabelOf, type RankingRule, type RoutingRule, type RuleOf } from './rules.js';
import {
  COVERAGE_RULE_ID,
  type DecisionSummary,
  type PlanSummary,
  type PlanTrace,
  type RoutingTrace,
  type RuleColumn,
  type RuleVerdict,
  type VerdictFields,
  type WarehouseTrace,
} from './trace-types.js';

/** What the trace builder needs besides the context. */
export interface TraceInput {
  evaluations: WarehouseEvaluation[];
  ranked: WarehouseEvaluation[];
  useKm: boolean;
  /** Units each eligible warehouse could ship alone. */
  coverage: Map<WarehouseEvaluation, number>;
  chosen: CandidatePlan;
  runnersUp: CandidatePlan[];
  considered: number;
  decidedBy: string | null;
  outcome: PlanOutcome;
}

const money = (x: number | null): string => (x === null ? 'unknown' : x.toFixed(2));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function roleOf(rule: RoutingRule): RuleColumn['role'] {
  if ((filterKinds as readonly string[]).includes(rule.kind)) return 'filter';
  if ((rankingKinds as readonly string[]).includes(rule.kind)) return 'ranking';
  return 'policy';
}

function columns(ctx: RoutingContext): RuleColumn[] {
  return [
    { id: COVERAGE_RULE_ID, kind: 'coverage', label: 'Serves the address', role: 'filter' },
    ...ctx.rules.map((rule, i) => ({ id: ctx.ids[i]!, kind: rule.kind, label: ruleLabelOf(rule), role: roleOf(rule) })),
  ];
}

function rankingReason(
  ctx: RoutingContext,
  rule: RankingRule,
  ev: WarehouseEvaluation,
  useKm: boolean,
  covered: number,
): string {
  switch (rule.kind) {
    case 'stock':
      return covered >= ctx.orderedUnits
        ? `ships the whole order (${covered}/${ctx.orderedUnits} units)`
        : `covers ${covered} of ${ctx.orderedUnits} units`;
    case 'proximity':
      return useKm ? `${round1(ev.distanceKm ?? 0)} km away` : `zone rank ${ev.zone?.rank ?? '?'} (distances unknown)`;
    case 'promise': {
      const p = ev.promise!;
      const deadline = deadlineFor(ctx, rule);
      if (!deadline) return `ships ${p.shipDate}, delivers ${p.deliverBy}`;
      const late = lateDaysOf(p.deliverBy, deadline);
      return late === 0
        ? `delivers ${p.deliverBy}, on time for ${deadline}`
        : `delivers ${p.deliverBy}, ${plural(late, 'day')} late for ${deadline}`;
    }
    case 'cost': {
      if (ev.cost === null) return `no cost for zone ${ev.zone?.zone.code}`;
      const scarcity = scarcityFor(ctx, rule, ev);
      return `costs ${money(ev.cost)} to zone ${ev.zone?.zone.code}${scarcity > 0 ? ` (+${money(scarcity)} for scarce stock)` : ''}`;
    }
    case 'priority':
      return `priority ${ev.warehouse.priority}`;
  }
}

function scarcityFor(ctx: RoutingContext, rule: RuleOf<'cost'>, ev: WarehouseEvaluation): number {
  return scarcityOf(
    rule,
    ev,
    ctx.lines.map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, usable(ev, l.sku)) })),
  );
}

function policyReason(ctx: RoutingContext, rule: RoutingRule, ev: WarehouseEvaluation, input: TraceInput): string {
  const shipments = input.outcome.allocations;
  const index = shipments.findIndex((a) => a.warehouseId === ev.warehouse.id);
  if (rule.kind === 'split') {
    const limit = rule.policy === 'max_shipments' ? `at most ${rule.maxShipments}` : rule.policy;
    const part = index < 0 ? 'not used by the plan' : `shipment ${index + 1} of ${shipments.length}`;
    return `${part} (split: ${limit}${rule.minPartValue ? `, parts ≥ ${money(rule.minPartValue)}` : ''})`;
  }
  if (rule.kind === 'backorder') {
    return input.outcome.held
      ? 'order held until one plan can ship it whole'
      : `missing units: ${rule.policy.replace(/_/g, ' ')}`;
  }
  const subs = input.outcome.substitutions.filter((s) => s.warehouseId === ev.warehouse.id);
  if (subs.length > 0)
    return subs.map((s) => `ships ${s.quantity} × ${s.substituteSku} for ${s.originalSku}`).join('; ');
  return ctx.substitutionNote ?? 'no substitution';
}

function warehouseRows(ctx: RoutingContext, input: TraceInput): WarehouseTrace[] {
  const rankOf = new Map(input.ranked.map((ev, i) => [ev, i + 1]));
  const shipped = new Map(
    input.outcome.allocations.map((a) => [a.warehouseId, a.lines.reduce((s, l) => s + l.quantity, 0)]),
  );
  return input.evaluations.map((ev) => {
    const covered = input.coverage.get(ev) ?? 0;
    const verdicts: RuleVerdict[] = [ev.verdicts.get(COVERAGE_RULE_ID)!];
    ctx.rules.forEach((rule, i) => {
      const id = ctx.ids[i]!;
      const existing = ev.verdicts.get(id);
      if (existing) return verdicts.push(existing);
      if (ev.rejectedBy !== null)
        return verdicts.push({ rule: id, outcome: 'skipped', reason: `rejected by ${ev.rejectedBy}`, fields: {} });
      if (roleOf(rule) === 'ranking') {
        const r = rule as RankingRule;
        const score = warehouseMetric(ctx, r, ev, input.useKm, ctx.orderedUnits - covered);
        const verdict: RuleVerdict = {
          rule: id,
          outcome: 'ranked',
          reason: rankingReason(ctx, r, ev, input.useKm, covered),
          fields: rankingFields(ctx, r, ev, covered),
        };
        if (Number.isFinite(score)) verdict.score = Math.round(score * 100) / 100;
        return verdicts.push(verdict);
      }
      return verdicts.push({ rule: id, outcome: 'kept', reason: policyReason(ctx, rule, ev, input), fields: {} });
    });
    return {
      id: ev.warehouse.id,
      name: ev.warehouse.name,
      eligible: ev.rejectedBy === null,
      rejectedBy: ev.rejectedBy,
      rank: rankOf.get(ev) ?? null,
      chosen: shipped.has(ev.warehouse.id),
      shippedUnits: shipped.get(ev.warehouse.id) ?? 0,
      facts: {
        ...factsOf(ev),
        ...(ev.rejectedBy === null
          ? { coveredUnits: covered, orderedUnits: ctx.orderedUnits, canShipAll: covered >= ctx.orderedUnits }
          : {}),
      },
      verdicts,
    };
  });
}

function rankingFields(
  ctx: RoutingContext,
  rule: RankingRule,
  ev: WarehouseEvaluation,
  covered: number,
): VerdictFields {
  switch (rule.kind) {
    case 'stock':
      return { coveredUnits: covered, orderedUnits: ctx.orderedUnits, canShipAll: covered >= ctx.orderedUnits };
    case 'proximity':
      return { distanceKm: ev.distanceKm === null ? null : round1(ev.distanceKm), zoneRank: ev.zone?.rank ?? null };
    case 'promise': {
      const deadline = deadlineFor(ctx, rule);
      const p = ev.promise;
      return {
        shipDate: p?.shipDate ?? null,
        deliverBy: p?.deliverBy ?? null,
        ...(deadline && p ? { lateDays: lateDaysOf(p.deliverBy, deadline) } : {}),
      };
    }
    case 'cost':
      return {
        cost: ev.cost,
        zone: ev.zone?.zone.code ?? null,
        ...(rule.scarcityCost ? { scarcityCost: Math.round(scarcityFor(ctx, rule, ev) * 100) / 100 } : {}),
      };
    case 'priority':
      return { priority: ev.warehouse.priority };
  }
}

/** A plan summarised for the trace. */
export function summarisePlan(ctx: RoutingContext, plan: CandidatePlan): PlanSummary {
  const evs = plan.shipments.map((s) => s.ev);
  const latest = evs.reduce<string | null>(
    (m, ev) => (ev.promise && (m === null || ev.promise.deliverBy > m) ? ev.promise.deliverBy : m),
    null,
  );
  const deadline = ctx.order.deliverBy ?? null;
  const costs = evs.map((ev) => ev.cost);
  const kms = evs.map((ev) => ev.distanceKm);
  return {
    warehouses: evs.map((ev) => ev.warehouse.id),
    shipments: evs.length,
    allocatedUnits: plan.allocatedUnits,
    substitutedUnits: plan.substitutedUnits,
    cost: costs.some((c) => c === null) ? null : costs.reduce<number>((s, c) => s + (c ?? 0), 0),
    latestDelivery: latest,
    lateDays: latest && deadline && isIsoDate(deadline) ? lateDaysOf(latest, deadline) : null,
    distanceKm:
      evs.length === 0 || kms.some((k) => k === null) ? null : round1(kms.reduce<number>((s, k) => s + (k ?? 0), 0)),
  };
}

function decision(ctx: RoutingContext, input: TraceInput): DecisionSummary {
  const { allocations, backorders, substitutions, held } = input.outcome;
  const allocatedUnits = allocations.reduce((s, a) => s + a.lines.reduce((t, l) => t + l.quantity, 0), 0);
  const backorderedUnits = backorders.reduce((s, b) => s + b.quantity, 0);
  const substitutedUnits = substitutions.reduce((s, x) => s + x.quantity, 0);
  const totalCost = allocations.some((a) => a.cost === null)
    ? null
    : allocations.reduce((s, a) => s + (a.cost ?? 0), 0);
  const parts = allocations.map(
    (a) =>
      `${a.warehouseName} (${plural(
        a.lines.reduce((s, l) => s + l.quantity, 0),
        'unit',
      )}, delivers ${a.promise.deliverBy}, cost ${money(a.cost)})`,
  );
  let outcome: DecisionSummary['outcome'];
  let text: string;
  if (ctx.orderedUnits === 0) {
    outcome = 'empty';
    text = 'Nothing to ship.';
  } else if (held) {
    outcome = 'held';
    text = `Held: no allowed plan ships the whole order; ${plural(backorderedUnits, 'unit')} wait (backorder policy: hold).`;
  } else if (allocations.length === 0) {
    outcome = 'backordered';
    const eligible = input.ranked.length;
    text = `${eligible === 0 ? 'No eligible warehouse' : 'No eligible warehouse has stock'}: ${plural(backorderedUnits, 'unit')} backordered.`;
  } else {
    outcome = backorderedUnits > 0 ? 'partial' : allocations.length > 1 ? 'split' : 'single';
    text = `${allocations.length === 1 ? 'Ships from' : `Split into ${allocations.length} shipments:`} ${parts.join('; ')}.`;
    if (backorderedUnits > 0)
      text += ` ${plural(backorderedUnits, 'unit')} backordered (${backorders[0]!.outcome.kind.replace('_', ' ')}).`;
    if (substitutedUnits > 0) text += ` ${plural(substitutedUnits, 'unit')} substituted.`;
    if (input.decidedBy && input.runnersUp[0]) {
      const other = input.runnersUp[0].shipments.map((s) => s.ev.warehouse.name).join(' + ') || 'shipping nothing';
      text += ` Preferred over ${other} by ${input.decidedBy === 'tie_break' ? 'the final tie-break (ranking order)' : input.decidedBy}.`;
    }
  }
  return {
    outcome,
    text,
    shipments: allocations.length,
    orderedUnits: ctx.orderedUnits,
    allocatedUnits,
    backorderedUnits,
    substitutedUnits,
    totalCost,
  };
}

/** The full trace of one routing decision. */
export function buildTrace(ctx: RoutingContext, input: TraceInput): RoutingTrace {
  const plan: PlanTrace = {
    considered: input.considered,
    chosen: summarisePlan(
      ctx,
      input.outcome.held
        ? { shipments: [], allocatedUnits: 0, allocatedValue: 0, substitutedUnits: 0, perLine: [] }
        : input.chosen,
    ),
    runnersUp: input.runnersUp.map((p) => summarisePlan(ctx, p)),
    decidedBy: input.decidedBy,
    usedSubstitution: input.outcome.substitutions.length > 0,
  };
  return {
    version: 1,
    orderId: ctx.order.id,
    evaluatedAt: ctx.nowIso,
    rules: columns(ctx),
    warehouses: warehouseRows(ctx, input),
    ranking: input.ranked.map((ev) => ev.warehouse.id),
    plan,
    summary: decision(ctx, input),
  };
}
