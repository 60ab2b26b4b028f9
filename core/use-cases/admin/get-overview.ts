import { createAlertsQueries } from '../../db/alerts-queries.js';
import type { Database } from '../../db/client.js';
import { countOpenDelays } from '../../db/delays-queries.js';
import { createInboxRepo } from '../../db/inbox-repo.js';
import { loadHandover, loadOverviewCounts, type Handover } from '../../db/overview-queries.js';
import { createSyncRepo } from '../../db/sync-repo.js';

/** How long the week's hand-over figures are served from memory before being read again. */
export const HANDOVER_TTL_MS = 30_000;
const handoverMemo = new WeakMap<Database, Map<string, { until: number; value: Promise<Handover> }>>();

/**
 * The week's hand-over statistics change slowly and cost a pass over a week of acknowledgements, so
 * each shop's figures are read at most once per HANDOVER_TTL_MS; ten merchants' tabs opening the
 * overview share one read. The counts beside them are always live.
 */
function handover(database: Database, shopId: number, now: Date, timezone: string): Promise<Handover> {
  let byShop = handoverMemo.get(database);
  if (!byShop) handoverMemo.set(database, (byShop = new Map()));
  const key = `${shopId}:${timezone}`;
  const hit = byShop.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  for (const [k, v] of byShop) if (v.until <= Date.now()) byShop.delete(k);
  const value = loadHandover(database, shopId, now, timezone);
  byShop.set(key, { until: Date.now() + HANDOVER_TTL_MS, value });
  // a failed read is not remembered: the caller gets the error, the next view reads again
  value.catch(() => byShop.delete(key));
  return value;
}

/** The overview page: order counts, dead letters, open stock alerts and the last reconciliation. */
export async function getOverview(
  deps: { database: Database },
  input: { shopId: number; shopDomain: string; timezone: string; now: Date },
) {
  const db = deps.database.db;
  const [counts, hand, deadLetters, runs, stockAlerts, delayedShipments] = await Promise.all([
    loadOverviewCounts(deps.database, input.shopId, input.now, input.timezone),
    handover(deps.database, input.shopId, input.now, input.timezone),
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
