import { createAlertsQueries } from '../../db/alerts-queries.js';
import type { Database } from '../../db/client.js';
import { countOpenDelays } from '../../db/delays-queries.js';
import { createInboxRepo } from '../../db/inbox-repo.js';
import { loadHandover, loadOverviewCounts } from '../../db/overview-queries.js';
import { createSyncRepo } from '../../db/sync-repo.js';

/**
 * The overview page: order counts, the week's hand-over (from its rollup), dead letters, open stock
 * alerts and the last reconciliation; all read live, each a small index range.
 */
export async function getOverview(
  deps: { database: Database },
  input: { shopId: number; shopDomain: string; timezone: string; now: Date },
) {
  const db = deps.database.db;
  const [counts, hand, deadLetters, runs, stockAlerts, delayedShipments] = await Promise.all([
    loadOverviewCounts(deps.database, input.shopId, input.now, input.timezone),
    loadHandover(deps.database, input.shopId, input.now, input.timezone),
    createInboxRepo(db).countDead(input.shopDomain),
    createSyncRepo(db).recentRuns(input.shopId, 1),
    createAlertsQueries(db).openCounts(input.shopId),
    countOpenDelays(db, input.shopId),
  ]);
  return {
    overview: { ...counts, ...hand },
    deadLetters,
    stockAlerts,
    delayedShipments,
    lastReconciliation: runs[0] ?? null,
  };
}
