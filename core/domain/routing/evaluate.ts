import { skusForLine, type RoutingContext } from './context.js';
import { haversineKm, pointOf } from './geo.js';
import { promiseFor, type PromiseFailure } from './promise.js';
import type { RuleOf } from './rules.js';
import { COVERAGE_RULE_ID, type RuleVerdict, type VerdictFields } from './trace-types.js';
import type { DeliveryPromise, RoutingWarehouse } from './types.js';
import { zoneFor, type ZoneMatch } from './zones.js';

/** A warehouse with the facts every rule reads, and the verdicts given so far (keyed by rule id). */
export interface WarehouseEvaluation {
  warehouse: RoutingWarehouse;
  zone: ZoneMatch | null;
  promise: DeliveryPromise | null;
  cost: number | null;
  distanceKm: number | null;
  capacityLeft: number | null;
  blockedSkus: Set<string>;
  rejectedBy: string | null;
  verdicts: Map<string, RuleVerdict>;
}

const failureText: Record<PromiseFailure, string> = {
  invalid_time_zone: 'unknown time zone',
  invalid_cutoff: 'cut-off is not HH:MM',
  no_working_day: 'no working day in the next year',
  no_service_level: 'no service level serves the zone',
};

/** Units of `sku` this warehouse may ship for the order (0 when blocked by an eligibility rule). */
export function usable(ev: WarehouseEvaluation, sku: string): number {
  if (ev.blockedSkus.has(sku)) return 0;
  const n = ev.warehouse.stock[sku];
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

/** Facts shared by many verdicts. */
export function factsOf(ev: WarehouseEvaluation): VerdictFields {
  return {
    zone: ev.zone?.zone.code ?? null,
    zoneRank: ev.zone?.rank ?? null,
    distanceKm: ev.distanceKm === null ? null : round1(ev.distanceKm),
    cost: ev.cost,
    shipDate: ev.promise?.shipDate ?? null,
    shipBy: ev.promise?.shipBy ?? null,
    deliverBy: ev.promise?.deliverBy ?? null,
    capacityLeft: ev.capacityLeft,
    priority: ev.warehouse.priority,
  };
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

function coverage(ctx: RoutingContext, w: RoutingWarehouse): { ev: WarehouseEvaluation; verdict: RuleVerdict } {
  const point = pointOf(w);
  const ev: WarehouseEvaluation = {
    warehouse: w,
    zone: zoneFor(w, ctx.order.shippingAddress),
    promise: null,
    cost: null,
    distanceKm: point && ctx.orderPoint ? haversineKm(point, ctx.orderPoint) : null,
    capacityLeft: typeof w.dailyCapacity === 'number' ? w.dailyCapacity - Math.max(0, w.usedToday) : null,
    blockedSkus: new Set(),
    rejectedBy: null,
    verdicts: new Map(),
  };
  const { countryCode, postalCode } = ctx.order.shippingAddress;
  const reject = (reason: string): { ev: WarehouseEvaluation; verdict: RuleVerdict } => {
    ev.rejectedBy = COVERAGE_RULE_ID;
    return {
      ev,
      verdict: { rule: COVERAGE_RULE_ID, outcome: 'rejected', reason, fields: { zone: ev.zone?.zone.code ?? null } },
    };
  };
  if (!ev.zone) return reject(`no zone serves ${countryCode} ${postalCode}`);
  const promised = promiseFor(w, ev.zone.zone.code, ctx.nowIso, ctx.order.serviceLevel);
  if (!promised.ok) {
    const asked =
      ctx.order.serviceLevel && promised.reason === 'no_service_level' ? ` (asked: ${ctx.order.serviceLevel})` : '';
    return reject(`${failureText[promised.reason]}${asked}`);
  }
  ev.promise = promised.promise;
  const cost = w.costs[ev.zone.zone.code];
  ev.cost = typeof cost === 'number' && Number.isFinite(cost) ? cost : null;
  const p = promised.promise;
  const reason = `zone ${p.zone}, ${p.serviceLevel}: ships ${p.shipsToday ? 'today' : p.shipDate}, delivers ${p.deliverBy}`;
  const fields = {
    zone: p.zone,
    zoneRank: ev.zone.rank,
    shipDate: p.shipDate,
    shipBy: p.shipBy,
    deliverBy: p.deliverBy,
  };
  return { ev, verdict: { rule: COVERAGE_RULE_ID, outcome: 'kept', reason, fields } };
}

const inList = (list: readonly string[], v: string): boolean => list.some((x) => x.toUpperCase() === v.toUpperCase());

function eligibility(
  ctx: RoutingContext,
  ev: WarehouseEvaluation,
  rule: RuleOf<'eligibility'>,
  id: string,
): RuleVerdict {
  const base = { rule: id, fields: { zone: ev.zone?.zone.code ?? null } };
  if (rule.warehouses && !rule.warehouses.includes(ev.warehouse.id))
    return { ...base, outcome: 'kept', reason: 'rule does not concern this warehouse' };
  const country = ctx.order.shippingAddress.countryCode;
  const zone = ev.zone?.zone.code ?? '';
  const channel = ctx.order.channel;
  if (rule.zones && !inList(rule.zones, zone))
    return { ...base, outcome: 'rejected', reason: `zone ${zone} is not in ${rule.zones.join(', ') || '(none)'}` };
  if (rule.countries && !inList(rule.countries, country))
    return { ...base, outcome: 'rejected', reason: `${country} is not in ${rule.countries.join(', ') || '(none)'}` };
  if (rule.excludeCountries && inList(rule.excludeCountries, country))
    return { ...base, outcome: 'rejected', reason: `does not ship to ${country}` };
  if (rule.channels && !inList(rule.channels, channel))
    return { ...base, outcome: 'rejected', reason: `${channel} orders are not served` };
  if (rule.excludeChannels && inList(rule.excludeChannels, channel))
    return { ...base, outcome: 'rejected', reason: `${channel} orders are excluded` };
  const blocked: string[] = [];
  for (const line of ctx.lines) {
    for (const sku of skusForLine(ctx, line.sku, true)) {
      const excluded =
        (rule.skuExclude && rule.skuExclude.includes(sku)) || (rule.skuInclude && !rule.skuInclude.includes(sku));
      if (excluded && !blocked.includes(sku)) blocked.push(sku);
    }
  }
  blocked.forEach((s) => ev.blockedSkus.add(s));
  const fields = { zone: ev.zone?.zone.code ?? null, blockedSkus: [...ev.blockedSkus] };
  if (blocked.length === 0) return { rule: id, outcome: 'kept', reason: 'eligible', fields };
  const anyLeft = ctx.lines.some((l) => skusForLine(ctx, l.sku, true).some((s) => !ev.blockedSkus.has(s)));
  if (!anyLeft) return { rule: id, outcome: 'rejected', reason: `may not ship ${blocked.join(', ')}`, fields };
  return { rule: id, outcome: 'kept', reason: `eligible except ${blocked.join(', ')}`, fields };
}

function capacity(ctx: RoutingContext, ev: WarehouseEvaluation, rule: RuleOf<'capacity'>, id: string): RuleVerdict {
  const need = rule.minRemaining ?? 1;
  const fields: VerdictFields = { capacityLeft: ev.capacityLeft };
  if (ev.capacityLeft === null) return { rule: id, outcome: 'kept', reason: 'no daily capacity limit', fields };
  if (ev.capacityLeft >= need)
    return {
      rule: id,
      outcome: 'kept',
      reason: `${ev.capacityLeft} of ${ev.warehouse.dailyCapacity} shipments left today`,
      fields,
    };
  const left = `${Math.max(0, ev.capacityLeft)} shipments left today (needs ${need})`;
  if (rule.whenFull !== 'defer' || !ev.promise || !ev.zone)
    return { rule: id, outcome: 'rejected', reason: left, fields };
  // Full today: the warehouse can still take the order for its next shipping day.
  const after = new Date(Date.parse(ev.promise.shipBy) + 1).toISOString();
  const next = promiseFor(ev.warehouse, ev.zone.zone.code, after, ctx.order.serviceLevel);
  if (!next.ok) return { rule: id, outcome: 'rejected', reason: left, fields };
  ev.promise = { ...next.promise, shipsToday: false };
  return {
    rule: id,
    outcome: 'kept',
    reason: `${left}: ships ${ev.promise.shipDate} instead, delivers ${ev.promise.deliverBy}`,
    fields: { ...fields, shipDate: ev.promise.shipDate, deliverBy: ev.promise.deliverBy },
  };
}

/**
 * Runs the coverage check and the filtering rules, in rule order, on one warehouse. After a
 * rejection the remaining filters are marked skipped; later rules add their own verdicts.
 */
export function evaluateWarehouse(ctx: RoutingContext, w: RoutingWarehouse): WarehouseEvaluation {
  const { ev, verdict } = coverage(ctx, w);
  ev.verdicts.set(COVERAGE_RULE_ID, verdict);
  ctx.rules.forEach((rule, i) => {
    const id = ctx.ids[i]!;
    if (rule.kind !== 'eligibility' && rule.kind !== 'capacity') return;
    if (ev.rejectedBy !== null) {
      ev.verdicts.set(id, { rule: id, outcome: 'skipped', reason: `rejected by ${ev.rejectedBy}`, fields: {} });
      return;
    }
    const v = rule.kind === 'eligibility' ? eligibility(ctx, ev, rule, id) : capacity(ctx, ev, rule, id);
    ev.verdicts.set(id, v);
    if (v.outcome === 'rejected') ev.rejectedBy = id;
  });
  return ev;
}
