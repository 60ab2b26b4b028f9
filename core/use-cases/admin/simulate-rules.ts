import type { Db } from '../../db/client.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createRoutingRulesRepo } from '../../db/routing-rules-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import type { RoutingRule } from '../../domain/routing/index.js';
import { runReplay } from './replay-pool.js';
import type { ReplayOutput } from './replay-rules.js';

export type { RuleSetMetrics } from './replay-rules.js';

export interface SimulationResult extends ReplayOutput {
  days: number;
  orders: number;
  /** which orders were replayed: the most recent `limit` of the window, from `from` to `to` */
  replayed: { selection: 'most_recent'; limit: number; from: string | null; to: string | null; windowCapped: boolean };
}

export const MAX_REPLAYED_ORDERS = 3000;

/**
 * "Try on past orders": replays the most recent orders of the last `days` (at most
 * MAX_REPLAYED_ORDERS, in the order they were placed) through the current and the draft rules, and
 * reports what would change and which orders it looked at. The reads happen here; the replay
 * itself runs in a worker thread so a large shop's replay never stalls other requests. Nothing is saved.
 */
export async function simulateRules(deps: { db: Db }, input: { shopId: number; draft: RoutingRule[]; days: number; now: Date; limit?: number }): Promise<SimulationResult> {
  const since = new Date(input.now.getTime() - input.days * 86_400_000);
  const ordersRepo = createOrdersRepo(deps.db);
  const limit = input.limit ?? MAX_REPLAYED_ORDERS;
  const past = await ordersRepo.recentSince(input.shopId, since, limit);
  const [lines, warehouses, skuRows, saved] = await Promise.all([
    ordersRepo.linesOf(input.shopId, past.map((o) => o.id)),
    createWarehousesRepo(deps.db).list(input.shopId, { activeOnly: true }),
    createCatalogRepo(deps.db).skuIds(input.shopId),
    createRoutingRulesRepo(deps.db).get(input.shopId),
  ]);
  const levels = await createStockRepo(deps.db).levels(input.shopId, skuRows.map((s) => s.id));
  const output = await runReplay({
    past, lines, warehouses, levels: levels.map((l) => ({ warehouseId: l.warehouseId, skuId: l.skuId, onHand: l.onHand })),
    skuCodes: skuRows.map((s) => [s.id, s.sku]), current: saved.rules, draft: input.draft,
  });
  return {
    days: input.days, orders: past.length, ...output,
    replayed: {
      selection: 'most_recent', limit, from: past[0]?.placedAt.toISOString() ?? null, to: past.at(-1)?.placedAt.toISOString() ?? null,
      windowCapped: past.length >= limit,
    },
  };
}
