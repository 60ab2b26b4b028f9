import type { Db } from '../../db/client.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createRoutingRulesRepo } from '../../db/routing-rules-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import type { RoutingRule } from '../../domain/routing/index.js';
import type { ReplayInput } from './replay-rules.js';

export interface ReplayRequest {
  shopId: number;
  draft: RoutingRule[];
  /** the window starts here; the replay takes its most recent `limit` orders */
  since: Date;
  limit: number;
}

/** Reads what a replay needs: the window's most recent orders (oldest first), their lines, today's stock and rules. */
export async function loadReplayInput(db: Db, req: ReplayRequest): Promise<ReplayInput> {
  const ordersRepo = createOrdersRepo(db);
  const past = await ordersRepo.recentSince(req.shopId, req.since, req.limit);
  const [lines, warehouses, skuRows, saved] = await Promise.all([
    ordersRepo.linesOf(
      req.shopId,
      past.map((o) => o.id),
    ),
    createWarehousesRepo(db).list(req.shopId, { activeOnly: true }),
    createCatalogRepo(db).skuIds(req.shopId),
    createRoutingRulesRepo(db).get(req.shopId),
  ]);
  const levels = await createStockRepo(db).levels(
    req.shopId,
    skuRows.map((s) => s.id),
  );
  return {
    past,
    lines,
    warehouses,
    levels: levels.map((l) => ({ warehouseId: l.warehouseId, skuId: l.skuId, onHand: l.onHand })),
    skuCodes: skuRows.map((s) => [s.id, s.sku]),
    current: saved.rules,
    draft: req.draft,
  };
}
