import type { DbOrTx } from '../../db/client.js';
import { createInboxRepo } from '../../db/inbox-repo.js';
import { createSyncRepo } from '../../db/sync-repo.js';

/** The state of a shop's connection to Shopify: its latest import, last reconciliation and dead letters. */
export async function getShopStatus(deps: { db: DbOrTx }, input: { shopId: number; shopDomain: string }) {
  const sync = createSyncRepo(deps.db);
  const [latestImport, runs, deadLetters] = await Promise.all([
    sync.latestImport(input.shopId),
    sync.recentRuns(input.shopId, 1),
    createInboxRepo(deps.db).countDead(input.shopDomain),
  ]);
  return { latestImport: latestImport ?? null, lastReconciliation: runs[0] ?? null, deadLetters };
}

/** The last 50 reconciliation runs and what they repaired in total. */
export async function getReconciliation(deps: { db: DbOrTx }, input: { shopId: number }) {
  const runs = await createSyncRepo(deps.db).recentRuns(input.shopId, 50);
  return {
    runs,
    summary: {
      runs: runs.length,
      repaired: runs.reduce((n, run) => n + run.repaired, 0),
      runsWithRepairs: runs.filter((run) => run.repaired > 0).length,
    },
  };
}
