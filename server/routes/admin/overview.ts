import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createInboxRepo } from '../../../core/db/inbox-repo.js';
import { loadOverview } from '../../../core/db/overview-queries.js';
import { createSyncRepo } from '../../../core/db/sync-repo.js';
import { countOpenDelays } from '../../../core/db/delays-queries.js';

/** The overview page: each number matches an orders-list filter the UI links to. */
export async function overviewRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/overview', async (req) => {
    const [overview, deadLetters, runs, alerts, delayedShipments] = await Promise.all([
      loadOverview(ctx.database, req.shop.id, new Date(), req.shop.timezone),
      createInboxRepo(ctx.db).countDead(req.shop.domain),
      createSyncRepo(ctx.db).recentRuns(req.shop.id, 1),
      ctx.database.query<{ open: number; critical: number }>(sql`select count(*)::int as open, count(*) filter (where severity = 'critical')::int as critical from stock_alerts where shop_id = ${req.shop.id} and status = 'open'`),
      countOpenDelays(ctx.db, req.shop.id),
    ]);
    const last = runs[0];
    return {
      ...overview,
      deadLetters,
      delayedShipments,
      stockAlerts: { open: Number(alerts[0]?.open ?? 0), critical: Number(alerts[0]?.critical ?? 0) },
      lastReconciliation: last ? { at: last.finishedAt ?? last.startedAt, status: last.status, checked: last.checked, repaired: last.repaired, details: last.details.slice(0, 10) } : null,
    };
  });
}
