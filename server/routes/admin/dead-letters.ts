import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createInboxRepo } from '../../../core/db/inbox-repo.js';
import { NotFoundError } from '../../../core/errors.js';
import { replayDeadLetters } from '../../../core/use-cases/replay-dead-letters.js';
import { createDispatchFailuresRepo } from '../../../core/db/allocations-repo.js';

/** Events that failed for good: list them, read one, send one or all back through ingest. */
export async function deadLetterRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/dead-letters', { schema: { querystring: z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) } }, async (req) => {
    const repo = createInboxRepo(ctx.db);
    const items = await repo.listDead(req.shop.domain, req.query);
    return { items, total: await repo.countDead(req.shop.domain), nextBefore: items.length === req.query.limit ? items.at(-1)!.id : null };
  });

  r.get('/dead-letters/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const row = await createInboxRepo(ctx.db).getForShop(req.shop.domain, req.params.id);
    if (!row || row.status !== 'dead') throw new NotFoundError('dead letter');
    return { id: row.id, topic: row.topic, eventId: row.eventId, attempts: row.attempts, lastError: row.lastError, receivedAt: row.receivedAt, body: row.body };
  });

  r.post('/dead-letters/:id/replay', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const row = await createInboxRepo(ctx.db).getForShop(req.shop.domain, req.params.id);
    if (!row || row.status !== 'dead') throw new NotFoundError('dead letter');
    return replayDeadLetters({ db: ctx.db, queues: ctx.queues }, { shopDomain: req.shop.domain, ids: [req.params.id] });
  });

  r.post('/dead-letters/replay-all', async (req) => replayDeadLetters({ db: ctx.db, queues: ctx.queues }, { shopDomain: req.shop.domain, ids: 'all' }));

  // hand-overs to a 3PL that failed after every retry
  r.get('/dispatch-failures', async (req) => ({
    items: (await createDispatchFailuresRepo(ctx.db).list(req.shop.id)).map((a) => ({ id: a.id, orderId: a.orderId, warehouseId: a.warehouseId, attempts: a.dispatchAttempts, error: a.dispatchError, updatedAt: a.updatedAt })),
  }));

  r.post('/dispatch-failures/replay', { schema: { body: z.object({ ids: z.union([z.array(z.number().int().positive()).min(1).max(500), z.literal('all')]) }) } }, async (req) => {
    const revived = await createDispatchFailuresRepo(ctx.db).revive(req.shop.id, req.body.ids);
    for (const id of revived) await ctx.queues.add('dispatch', { shopId: req.shop.id, allocationId: id }, { jobId: `alloc-${id}-replay-${Date.now()}` });
    return { replayed: revived };
  });
}
