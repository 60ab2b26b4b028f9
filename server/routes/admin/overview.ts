import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createInboxRepo } from '../../../core/db/inbox-repo.js';
import { loadOverview } from '../../../core/db/overview-queries.js';
import { createSyncRepo } from '../../../core/db/sync-repo.js';

/** The overview page: each number matches an orders-list filter the UI links to. */
export async function overviewRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/overview', async (req) => {
    const [overview, deadLetters, runs] = await Promise.all([
      loadOverview(ctx.database, req.shop.id, new Date(), req.shop.timezone),
      createInboxRepo(ctx.db).countDead(req.shop.domain),
      createSyncRepo(ctx.db).recentRuns(req.shop.id, 1),
    ]);
    const last = runs[0];
    return {
      ...overview,
      deadLetters,
      lastReconciliation: last ? { at: last.finishedAt ?? last.startedAt, status: last.status, checked: last.checked, repaired: last.repaired, details: last.details.slice(0, 10) } : null,
    };
  });
}
