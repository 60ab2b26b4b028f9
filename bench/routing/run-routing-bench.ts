import { defaultRules, planRoute, zoneFor, type RoutingRule } from '../../core/domain/routing/index.js';
import { routeLikeShopify } from './reference-shopify.js';
import { simulate, type BenchRouter, type Ledger, type PolicyFigures } from './simulate.js';
import { sites } from './scenario.js';
import { generateWorkload, type Workload } from './workload.js';

/** Options of one run. */
export interface RoutingBenchOptions {
  orders?: number;
  seed?: string | number;
  /** The rules our router runs with; `defaultRules()` when absent. */
  rules?: RoutingRule[];
}

/** The JSON the bench prints. Ratios are ours / reference (null when the reference is 0). */
export interface RoutingBenchResult {
  bench: 'routing';
  orders: number;
  seed: string | number;
  ours: PolicyFigures;
  reference: PolicyFigures;
  cost_ratio: number | null;
  split_ratio: number | null;
  /**
   * Context, not a score: every order in one parcel from the cheapest site serving its address,
   * ignoring stock and capacity, divided by the reference's cost. No router can go below it.
   */
  cost_floor_ratio: number | null;
  target: { cost_ratio_max: number; split_ratio_max: number; promise_met: 'ours >= reference' };
  target_met: boolean;
  ledgers: { ours: Ledger; reference: Ledger };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number | null => (b === 0 ? (a === 0 ? 1 : null) : round(a / b, 4));

function tidy(f: PolicyFigures): PolicyFigures {
  return {
    ...f,
    split_rate: round(f.split_rate, 4),
    cost: round(f.cost, 2),
    promise_met: round(f.promise_met, 4),
    km: round(f.km, 1),
    backorder_rate: round(f.backorder_rate, 4),
    fill_rate: round(f.fill_rate, 4),
  };
}

function cheapestPossibleCost(workload: Workload): number {
  let total = 0;
  for (const order of workload.orders) {
    const costs = sites.flatMap((site) => {
      const zone = zoneFor(site, order.shippingAddress);
      const cost = zone ? site.costs[zone.zone.code] : undefined;
      return cost === undefined ? [] : [cost];
    });
    total += costs.length > 0 ? Math.min(...costs) : 0;
  }
  return total;
}

/**
 * Routes the same generated orders twice, each policy on its own copy of the stock: with our
 * engine and `defaultRules()`, and with Shopify's documented default routing. Deterministic for
 * a given seed.
 */
export function runRoutingBench(options: RoutingBenchOptions = {}): RoutingBenchResult {
  const orders = options.orders ?? 10_000;
  const seed = options.seed ?? 42;
  const rules = options.rules ?? defaultRules();
  const workload = generateWorkload({ orders, seed });
  const ours: BenchRouter = (order, candidates, now) =>
    planRoute(order, candidates, rules, now).allocations.map((a) => ({
      warehouseId: a.warehouseId,
      lines: a.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
      plannedShipDate: a.promise.shipDate,
    }));
  const reference: BenchRouter = (order, candidates) => routeLikeShopify(order, candidates);
  const a = simulate(workload, ours);
  const b = simulate(workload, reference);
  const costRatio = ratio(a.figures.cost, b.figures.cost);
  const splitRatio = ratio(a.figures.split_rate, b.figures.split_rate);
  const target = { cost_ratio_max: 0.8, split_ratio_max: 0.7, promise_met: 'ours >= reference' as const };
  return {
    bench: 'routing',
    orders,
    seed,
    ours: tidy(a.figures),
    reference: tidy(b.figures),
    cost_ratio: costRatio,
    split_ratio: splitRatio,
    cost_floor_ratio: ratio(cheapestPossibleCost(workload), b.figures.cost),
    target,
    target_met:
      costRatio !== null &&
      costRatio <= target.cost_ratio_max &&
      splitRatio !== null &&
      splitRatio <= target.split_ratio_max &&
      a.figures.promise_met >= b.figures.promise_met,
    ledgers: { ours: a.ledger, reference: b.ledger },
  };
}
