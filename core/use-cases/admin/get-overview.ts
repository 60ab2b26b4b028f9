import type { Database } from '../../db/client.js';
import { loadHandover, loadOverviewFigures } from '../../db/overview-queries.js';
import { createSyncRepo } from '../../db/sync-repo.js';

/**
 * The overview page: order counts with the dead letters, open stock alerts and delays beside them
 * (one statement), the week's hand-over (from its rollup) and the last reconciliation; all read
 * live, each a small index range.
 */
export async function getOverview(
  deps: { database: Database },
  input: { shopId: number; shopDomain: string; timezone: string; now: Date },
) {
  const [figures, hand, runs] = await Promise.all([
    loadOverviewFigures(deps.database, { id: input.shopId, domain: input.shopDomain }, input.now, input.timezone),
    loadHandover(deps.database, input.shopId, input.now, input.timezone),
    createSyncRepo(deps.database.db).recentRuns(input.shopId, 1),
  ]);
  return {
    overview: { ...figures.counts, ...hand },
    deadLetters: figures.deadLetters,
    stockAlerts: figures.stockAlerts,
    delayedShipments: figures.delayedShipments,
    lastReconciliation: runs[0] ?? null,
  };
}
