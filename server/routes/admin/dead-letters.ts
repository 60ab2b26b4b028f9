import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  deadLetterDetail,
  deadLetterPage,
  deadLettersQuery,
  dispatchFailuresResponse,
  dispatchReplayBody,
  idParams,
  replayResponse,
  trackingPushFailuresResponse,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createDispatchFailuresRepo } from '../../../core/db/allocations-repo.js';
import { createInboxRepo } from '../../../core/db/inbox-repo.js';
import { getDeadLetter, replayDeadLetter } from '../../../core/use-cases/admin/dead-letters.js';
import { replayDispatchFailures } from '../../../core/use-cases/admin/replay-dispatch-failures.js';
import { replayDeadLetters } from '../../../core/use-cases/replay-dead-letters.js';
import {
  describePushResult,
  listTrackingPushFailures,
  replayTrackingPush,
  replayTrackingPushes,
} from '../../../core/use-cases/tracking/replay-tracking-pushes.js';
import { iso } from './to-dto.js';

/** Events that failed for good: list them, read one, send one or all back through ingest. */
export async function deadLetterRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/dead-letters',
    { schema: { querystring: deadLettersQuery, response: { 200: deadLetterPage } } },
    async (req) => {
      const repo = createInboxRepo(ctx.db);
      const items = await repo.listDead(req.shop.domain, req.query);
      return {
        items: items.map((d) => ({
          id: d.id,
          topic: d.topic,
          eventId: d.eventId,
          attempts: d.attempts,
          lastError: d.lastError,
          receivedAt: iso(d.receivedAt),
          preview: d.preview,
          size: Number(d.size),
        })),
        total: await repo.countDead(req.shop.domain),
        nextBefore: items.length === req.query.limit ? items.at(-1)!.id : null,
      };
    },
  );

  r.get('/dead-letters/:id', { schema: { params: idParams, response: { 200: deadLetterDetail } } }, async (req) => {
    const row = await getDeadLetter({ db: ctx.db }, { shopDomain: req.shop.domain, id: req.params.id });
    return {
      id: row.id,
      topic: row.topic,
      eventId: row.eventId,
      attempts: row.attempts,
      lastError: row.lastError,
      receivedAt: iso(row.receivedAt),
      body: row.body,
    };
  });

  r.post('/dead-letters/:id/replay', { schema: { params: idParams, response: { 200: replayResponse } } }, async (req) =>
    replayDeadLetter({ db: ctx.db, queues: ctx.queues }, { shopDomain: req.shop.domain, id: req.params.id }),
  );

  r.post('/dead-letters/replay-all', { schema: { response: { 200: replayResponse } } }, async (req) =>
    replayDeadLetters({ db: ctx.db, queues: ctx.queues }, { shopDomain: req.shop.domain, ids: 'all' }),
  );

  // hand-overs to a 3PL that failed after every retry
  r.get('/dispatch-failures', { schema: { response: { 200: dispatchFailuresResponse } } }, async (req) => ({
    items: (await createDispatchFailuresRepo(ctx.db).list(req.shop.id)).map((a) => ({
      id: a.id,
      orderId: a.orderId,
      warehouseId: a.warehouseId,
      attempts: a.dispatchAttempts,
      error: a.dispatchError,
      updatedAt: iso(a.updatedAt),
    })),
  }));

  r.post(
    '/dispatch-failures/replay',
    { schema: { body: dispatchReplayBody, response: { 200: replayResponse } } },
    async (req) =>
      replayDispatchFailures({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, ids: req.body.ids }),
  );

  // tracking pushes to the sales channel that failed after every retry
  r.get('/tracking-push-failures', { schema: { response: { 200: trackingPushFailuresResponse } } }, async (req) => ({
    items: (await listTrackingPushFailures({ db: ctx.db }, { shopId: req.shop.id })).map((f) => ({
      id: f.shipmentId,
      orderId: f.orderId,
      allocationId: f.allocationId,
      error: describePushResult(f.pushResult),
      updatedAt: iso(f.updatedAt),
    })),
  }));

  r.post(
    '/tracking-push-failures/:id/replay',
    { schema: { params: idParams, response: { 200: replayResponse } } },
    async (req) =>
      replayTrackingPush({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, shipmentId: req.params.id }),
  );

  r.post('/tracking-push-failures/replay-all', { schema: { response: { 200: replayResponse } } }, async (req) =>
    replayTrackingPushes({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, ids: 'all' }),
  );
}
