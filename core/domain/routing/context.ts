import { pointOf, type GeoPoint } from './geo.js';
import { ruleIds, type RoutingRule, type RuleOf } from './rules.js';
import type { RoutingOrder } from './types.js';

/** An order line with a whole, non-negative quantity and a finite price. */
export interface NormalizedLine {
  index: number;
  lineId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** Everything about one routing call that does not depend on a warehouse. */
export interface RoutingContext {
  order: RoutingOrder;
  lines: NormalizedLine[];
  orderedUnits: number;
  rules: RoutingRule[];
  ids: string[];
  nowMs: number;
  nowIso: string;
  orderPoint: GeoPoint | null;
  /** Substitutes per ordered SKU when substitution applies to this order; empty otherwise. */
  substitutes: Map<string, string[]>;
  /** Why substitution does or does not apply (for the trace). */
  substitutionNote: string | null;
  split: RuleOf<'split'> | null;
  backorder: RuleOf<'backorder'> | null;
}

/** True for every channel except Shopify's own storefront. */
export function isMarketplace(channel: string): boolean {
  return channel.toLowerCase() !== 'shopify';
}

function firstOf<K extends RoutingRule['kind']>(rules: readonly RoutingRule[], kind: K): RuleOf<K> | null {
  return (rules.find((r) => r.kind === kind) as RuleOf<K> | undefined) ?? null;
}

function substitutionFor(
  order: RoutingOrder,
  rule: RuleOf<'substitution'> | null,
): { map: Map<string, string[]>; note: string | null } {
  const map = new Map<string, string[]>();
  if (!rule) return { map, note: null };
  if (isMarketplace(order.channel)) return { map, note: `not for ${order.channel} orders (marketplace)` };
  if (rule.requireConsent && order.allowSubstitution !== true)
    return { map, note: 'the buyer did not accept substitutes' };
  for (const { sku, substitutes } of rule.equivalents) {
    const list = map.get(sku) ?? [];
    for (const s of substitutes) if (s !== sku && !list.includes(s)) list.push(s);
    map.set(sku, list);
  }
  return { map, note: 'equivalent SKUs may replace missing ones' };
}

/** Builds the context; `now` must be a valid instant. */
export function buildContext(order: RoutingOrder, rules: readonly RoutingRule[], now: Date): RoutingContext {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('planRoute: now is not a valid date');
  const lines = order.lines.map((line, index) => ({
    index,
    lineId: line.lineId,
    sku: line.sku,
    quantity: Number.isFinite(line.quantity) ? Math.max(0, Math.floor(line.quantity)) : 0,
    unitPrice: Number.isFinite(line.unitPrice) ? line.unitPrice : 0,
  }));
  const sub = substitutionFor(order, firstOf(rules, 'substitution'));
  return {
    order,
    lines,
    orderedUnits: lines.reduce((s, l) => s + l.quantity, 0),
    rules: [...rules],
    ids: ruleIds(rules),
    nowMs,
    nowIso: new Date(nowMs).toISOString(),
    orderPoint: pointOf(order.shippingAddress),
    substitutes: sub.map,
    substitutionNote: sub.note,
    split: firstOf(rules, 'split'),
    backorder: firstOf(rules, 'backorder'),
  };
}

/** The SKUs that may serve a line, ordered SKU first. */
export function skusForLine(ctx: RoutingContext, sku: string, withSubstitutes: boolean): string[] {
  return withSubstitutes ? [sku, ...(ctx.substitutes.get(sku) ?? [])] : [sku];
}
