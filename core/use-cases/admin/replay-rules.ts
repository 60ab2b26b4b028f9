import type { OrderLineRow, OrderRow } from '../../db/orders-repo.js';
import type { WarehouseRow } from '../../db/warehouses-repo.js';
import { planRoute, type RoutePlan, type RoutingRule, type RoutingWarehouse } from '../../domain/routing/index.js';
import { toRoutingOrder, toRoutingWarehouse } from '../routing/to-routing-input.js';

export interface RuleSetMetrics {
  orders: number;
  splitRate: number;
  cost: number;
  promiseMet: number;
  backorderedUnits: number;
  loadByWarehouse: Record<string, number>;
}

/** Everything a replay needs, read beforehand: plain data, so it can cross to a worker thread. */
export interface ReplayInput {
  /** the orders to replay, oldest first */
  past: OrderRow[];
  lines: OrderLineRow[];
  warehouses: WarehouseRow[];
  levels: { warehouseId: number; skuId: number; onHand: number }[];
  skuCodes: [number, string][];
  current: RoutingRule[];
  draft: RoutingRule[];
}

export interface ReplayOutput {
  /** the replayed orders: how many, and the placed_at of the oldest and newest (ISO) */
  replayed: { orders: number; from: string | null; to: string | null };
  current: RuleSetMetrics;
  draft: RuleSetMetrics;
  moved: { orderId: number; name: string; from: string[]; to: string[] }[];
}

const PROGRESS_EVERY = 200;

/**
 * Replays the orders through the current and the draft rules on the same starting stock (today's
 * on hand, each run consuming its own copy) and reports what would change. Pure CPU: it runs in
 * the replay worker thread, never on the thread that answers HTTP requests. `onProgress` hears the
 * share of the work done (0 to 1) now and then.
 */
export function replayRules(input: ReplayInput, onProgress?: (done: number) => void): ReplayOutput {
  const { past } = input;
  const codeOf = new Map(input.skuCodes);
  const stockOf = new Map<number, Record<string, number>>();
  for (const l of input.levels) {
    const s = stockOf.get(l.warehouseId) ?? {};
    s[codeOf.get(l.skuId)!] = l.onHand;
    stockOf.set(l.warehouseId, s);
  }
  // both rule sets start from today's on hand: the comparison is fair even if history is unknown
  const base = (): RoutingWarehouse[] =>
    input.warehouses.map((w) => toRoutingWarehouse(w, { ...(stockOf.get(w.id) ?? {}) }, 0));
  const whName = new Map(input.warehouses.map((w) => [String(w.id), w.name]));
  const linesOf = new Map<number, OrderLineRow[]>();
  for (const l of input.lines) {
    if (!l.requiresShipping) continue;
    const ls = linesOf.get(l.orderId);
    if (ls) ls.push(l);
    else linesOf.set(l.orderId, [l]);
  }
  // the checkout's rate becomes a service level the warehouses name, as in live routing
  const levels = base();
  const orders = past
    .map((o) => ({
      order: o,
      routing: toRoutingOrder(
        o,
        (linesOf.get(o.id) ?? []).map((line) => ({ line, quantity: line.currentQuantity })),
        levels,
      ),
      day: o.placedAt.toISOString().slice(0, 10),
    }))
    .filter((o) => o.routing.lines.length > 0);

  // progress is the share of the two runs done, told every PROGRESS_EVERY orders
  let planned = 0;
  const total = orders.length * 2;
  const run = (rules: RoutingRule[]) => {
    const whs = base();
    const byId = new Map(whs.map((w) => [w.id, w]));
    const plans = new Map<number, RoutePlan>();
    const dayUse = new Map<string, number>();
    for (const { order: o, routing, day } of orders) {
      for (const w of whs) w.usedToday = dayUse.get(`${w.id}:${day}`) ?? 0;
      const plan = planRoute(routing, whs, rules, o.placedAt);
      plans.set(o.id, plan);
      for (const a of plan.allocations) {
        const w = byId.get(a.warehouseId)!;
        for (const l of a.lines) w.stock[l.sku] = (w.stock[l.sku] ?? 0) - l.quantity;
        dayUse.set(`${w.id}:${day}`, (dayUse.get(`${w.id}:${day}`) ?? 0) + 1);
      }
      if (onProgress && ++planned % PROGRESS_EVERY === 0) onProgress(planned / total);
    }
    return plans;
  };
  const metrics = (plans: Map<number, RoutePlan>): RuleSetMetrics => {
    let split = 0,
      cost = 0,
      met = 0,
      withPromise = 0,
      back = 0;
    const load: Record<string, number> = {};
    for (const p of plans.values()) {
      if (p.allocations.length > 1) split++;
      for (const a of p.allocations) {
        cost += a.cost ?? 0;
        load[a.warehouseName] = (load[a.warehouseName] ?? 0) + 1;
      }
      back += p.backorders.reduce((n, b) => n + b.quantity, 0);
      if (p.allocations.length) {
        withPromise++;
        if ((p.trace.plan.chosen.lateDays ?? 0) <= 0 && p.backorders.length === 0) met++;
      }
    }
    const n = plans.size || 1;
    return {
      orders: plans.size,
      splitRate: split / n,
      cost: Math.round(cost * 100) / 100,
      promiseMet: withPromise ? met / withPromise : 0,
      backorderedUnits: back,
      loadByWarehouse: load,
    };
  };
  const cur = run(input.current);
  const dr = run(input.draft);
  const moved: ReplayOutput['moved'] = [];
  for (const o of past) {
    const a = [...new Set((dr.get(o.id)?.allocations ?? []).map((x) => x.warehouseId))].sort();
    const b = [...new Set((cur.get(o.id)?.allocations ?? []).map((x) => x.warehouseId))].sort();
    if (a.join() !== b.join())
      moved.push({
        orderId: o.id,
        name: o.name,
        from: b.map((id) => whName.get(id) ?? id),
        to: a.map((id) => whName.get(id) ?? id),
      });
  }
  return {
    replayed: {
      orders: past.length,
      from: past[0]?.placedAt.toISOString() ?? null,
      to: past.at(-1)?.placedAt.toISOString() ?? null,
    },
    current: metrics(cur),
    draft: metrics(dr),
    moved: moved.slice(0, 200),
  };
}
