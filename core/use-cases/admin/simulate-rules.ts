import type { Db } from '../../db/client.js';
import { createRoutingRulesRepo } from '../../db/routing-rules-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { planRoute, type RoutePlan, type RoutingRule, type RoutingWarehouse } from '../../domain/routing/index.js';
import { toRoutingOrder, toRoutingWarehouse } from '../routing/to-routing-input.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';

export interface RuleSetMetrics {
  orders: number;
  splitRate: number;
  cost: number;
  promiseMet: number;
  backorderedUnits: number;
  loadByWarehouse: Record<string, number>;
}

export interface SimulationResult {
  days: number;
  orders: number;
  current: RuleSetMetrics;
  draft: RuleSetMetrics;
  moved: { orderId: number; name: string; from: string[]; to: string[] }[];
}

const MAX_ORDERS = 3000;

/**
 * "Try on past orders": replays the last `days` of orders, oldest first, through the current and
 * the draft rules on the same starting stock (today's on hand, each run consuming its own copy),
 * and reports what would change. Nothing is saved.
 */
export async function simulateRules(deps: { db: Db }, input: { shopId: number; draft: RoutingRule[]; days: number; now: Date }): Promise<SimulationResult> {
  const since = new Date(input.now.getTime() - input.days * 86_400_000);
  const ordersRepo = createOrdersRepo(deps.db);
  const past = await ordersRepo.placedSince(input.shopId, since, MAX_ORDERS);
  const lines = await ordersRepo.linesOf(input.shopId, past.map((o) => o.id));
  const whRows = await createWarehousesRepo(deps.db).list(input.shopId, { activeOnly: true });
  const skuRows = await createCatalogRepo(deps.db).skuIds(input.shopId);
  const codeOf = new Map(skuRows.map((s) => [s.id, s.sku]));
  const levels = await createStockRepo(deps.db).levels(input.shopId, skuRows.map((s) => s.id));
  // both rule sets start from today's on hand: the comparison is fair even if history is unknown
  const base = (): RoutingWarehouse[] => whRows.map((w) => {
    const stock: Record<string, number> = {};
    for (const l of levels) if (l.warehouseId === w.id) stock[codeOf.get(l.skuId)!] = l.onHand;
    return toRoutingWarehouse(w, stock, 0);
  });
  const { rules: current } = await createRoutingRulesRepo(deps.db).get(input.shopId);
  const whName = new Map(whRows.map((w) => [String(w.id), w.name]));

  const run = (rules: RoutingRule[]) => {
    const whs = base();
    const plans = new Map<number, RoutePlan>();
    const dayUse = new Map<string, number>();
    for (const o of past) {
      const ls = lines.filter((l) => l.orderId === o.id && l.requiresShipping).map((line) => ({ line, quantity: line.currentQuantity }));
      const ro = toRoutingOrder(o, ls, whs);
      if (ro.lines.length === 0) continue;
      const day = o.placedAt.toISOString().slice(0, 10);
      for (const w of whs) w.usedToday = dayUse.get(`${w.id}:${day}`) ?? 0;
      const plan = planRoute(ro, whs, rules, o.placedAt);
      plans.set(o.id, plan);
      for (const a of plan.allocations) {
        const w = whs.find((x) => x.id === a.warehouseId)!;
        for (const l of a.lines) w.stock[l.sku] = (w.stock[l.sku] ?? 0) - l.quantity;
        dayUse.set(`${w.id}:${day}`, (dayUse.get(`${w.id}:${day}`) ?? 0) + 1);
      }
    }
    return plans;
  };
  const metrics = (plans: Map<number, RoutePlan>): RuleSetMetrics => {
    let split = 0, cost = 0, met = 0, withPromise = 0, back = 0;
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
    return { orders: plans.size, splitRate: split / n, cost: Math.round(cost * 100) / 100, promiseMet: withPromise ? met / withPromise : 0, backorderedUnits: back, loadByWarehouse: load };
  };
  const cur = run(current);
  const dr = run(input.draft);
  const moved: SimulationResult['moved'] = [];
  for (const o of past) {
    const a = [...new Set((dr.get(o.id)?.allocations ?? []).map((x) => x.warehouseId))].sort();
    const b = [...new Set((cur.get(o.id)?.allocations ?? []).map((x) => x.warehouseId))].sort();
    if (a.join() !== b.join()) moved.push({ orderId: o.id, name: o.name, from: b.map((id) => whName.get(id) ?? id), to: a.map((id) => whName.get(id) ?? id) });
  }
  return { days: input.days, orders: past.length, current: metrics(cur), draft: metrics(dr), moved: moved.slice(0, 200) };
}
