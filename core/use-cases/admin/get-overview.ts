import { createAlertsQueries } from '../../db/alerts-queries.js';
import type { Database } from '../../db/client.js';
import { countOpenDelays } from '../../db/delays-queries.js';
import { createInboxRepo } from '../../db/inbox-repo.js';
import { loadOverview } from '../../db/overview-queries.js';
import { createSyncRepo } from '../../db/sync-repo.js';

/** The overview page: order counts, dead letters, open stock alerts and the last reconciliation. */
export async function getOverview(deps: { database: Database }, input: { shopId: number; shopDomain: string; timezone: string; now: Date }) {
  const db = deps.database.db;
  const [overview, deadLetters, runs, stockAlerts, delayedShipments] = await Promise.all([
    loadOverview(deps.database, input.shopId, input.now, input.timezone),
    createInboxRepo(db).countDead(input.shopDomain),
    createSyncRepo(db).recentRuns(input.shopId, 1),
    createAlertsQueries(db).openCounts(input.shopId),
    countOpenDelays(db, input.shopId),
  ]);
  return { overview, deadLetters, stockAlerts, delayedShipments, lastReconciliation: runs[0] ?? null };
}
