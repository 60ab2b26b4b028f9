import { skusForLine, type RoutingContext } from './context.js';
import { usable, type WarehouseEvaluation } from './evaluate.js';

/** Part of a line that one warehouse ships. */
export interface PlanPart {
  lineIndex: number;
  sku: string;
  quantity: number;
  substitutedFor?: string;
}

/** One warehouse's share of a candidate plan. */
export interface PlannedShipment {
  ev: WarehouseEvaluation;
  /** 0-based position of the warehouse in the ranking. */
  rank: number;
  parts: PlanPart[];
  units: number;
  /** Merchandise value at the ordered lines' unit prices. */
  value: number;
}

/** A way to ship the order: which warehouses ship which units. */
export interface CandidatePlan {
  shipments: PlannedShipment[];
  allocatedUnits: number;
  /** Merchandise value allocated, at the ordered lines' unit prices. */
  allocatedValue: number;
  substitutedUnits: number;
  /** Units allocated per line index (substitutes included). */
  perLine: number[];
}

/** How many plans one call may examine; past it only the best-ranked contributors are combined. */
export const PLAN_BUDGET = 4096;

/**
 * Allocates the order inside a fixed set of warehouses (given best-ranked first): each line goes
 * whole to the first member that can take it, else is spread across members in rank order; the
 * ordered SKU is used before its substitutes.
 */
export function allocateWithin(
  ctx: RoutingContext,
  members: readonly { ev: WarehouseEvaluation; rank: number }[],
  withSubstitutes: boolean,
): CandidatePlan {
  const left = new Map<string, number>();
  const keyOf = (m: number, sku: string): string => `${m}\u0000${sku}`;
  const avail = (m: number, sku: string): number => left.get(keyOf(m, sku)) ?? usable(members[m]!.ev, sku);
  const parts: PlanPart[][] = members.map(() => []);
  const perLine = ctx.lines.map(() => 0);
  let substitutedUnits = 0;
  const take = (m: number, lineIndex: number, sku: string, original: string, q: number): void => {
    if (q <= 0) return;
    left.set(keyOf(m, sku), avail(m, sku) - q);
    const part: PlanPart = { lineIndex, sku, quantity: q };
    if (sku !== original) {
      part.substitutedFor = original;
      substitutedUnits += q;
    }
    parts[m]!.push(part);
    perLine[lineIndex]! += q;
  };
  for (const line of ctx.lines) {
    let remaining = line.quantity;
    for (const sku of skusForLine(ctx, line.sku, withSubstitutes)) {
      if (remaining === 0) break;
      const whole = members.findIndex((_, m) => avail(m, sku) >= remaining);
      if (whole >= 0) {
        take(whole, line.index, sku, line.sku, remaining);
        remaining = 0;
        break;
      }
      for (let m = 0; m < members.length && remaining > 0; m++) {
        const q = Math.min(avail(m, sku), remaining);
        take(m, line.index, sku, line.sku, q);
        remaining -= q;
      }
    }
  }
  const shipments: PlannedShipment[] = [];
  members.forEach((member, m) => {
    const ps = parts[m]!;
    if (ps.length === 0) return;
    const units = ps.reduce((s, p) => s + p.quantity, 0);
    const value = ps.reduce((s, p) => s + p.quantity * ctx.lines[p.lineIndex]!.unitPrice, 0);
    shipments.push({ ev: member.ev, rank: member.rank, parts: ps, units, value });
  });
  const allocatedValue = shipments.reduce((s, sh) => s + sh.value, 0);
  return { shipments, allocatedUnits: perLine.reduce((s, n) => s + n, 0), allocatedValue, substitutedUnits, perLine };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function countSubsets(n: number, maxK: number): number {
  let total = 0;
  for (let k = 1; k <= maxK; k++) total += binomial(n, k);
  return total;
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...idx];
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/** Limits on the plans to build. */
export interface PlanLimits {
  maxShipments: number;
  /** Least merchandise value of each shipment of a split plan. */
  minPartValue: number;
}

/**
 * Every plan over subsets of the ranked eligible warehouses, up to `maxShipments` warehouses,
 * in which every member ships something and (for splits) every part reaches `minPartValue`.
 * The empty plan is always included.
 */
export function enumeratePlans(
  ctx: RoutingContext,
  ranked: readonly WarehouseEvaluation[],
  withSubstitutes: boolean,
  limits: PlanLimits,
): CandidatePlan[] {
  const members = ranked
    .map((ev, rank) => ({ ev, rank }))
    .filter(({ ev }) =>
      ctx.lines.some((l) => l.quantity > 0 && skusForLine(ctx, l.sku, withSubstitutes).some((s) => usable(ev, s) > 0)),
    );
  let n = members.length;
  const maxK = Math.max(0, Math.min(limits.maxShipments, n, ctx.orderedUnits));
  while (countSubsets(n, Math.min(maxK, n)) > PLAN_BUDGET) n--;
  const plans: CandidatePlan[] = [
    { shipments: [], allocatedUnits: 0, allocatedValue: 0, substitutedUnits: 0, perLine: ctx.lines.map(() => 0) },
  ];
  for (let k = 1; k <= Math.min(maxK, n); k++) {
    for (const combo of combinations(n, k)) {
      const plan = allocateWithin(
        ctx,
        combo.map((i) => members[i]!),
        withSubstitutes,
      );
      if (plan.shipments.length < k) continue;
      if (k > 1 && plan.shipments.some((s) => s.value < limits.minPartValue)) continue;
      plans.push(plan);
    }
  }
  return plans;
}
