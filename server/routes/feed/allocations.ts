import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createFeedRepo, type FeedAllocation } from '../../../core/db/feed-repo.js';
import { NotFoundError } from '../../../core/errors.js';
import { acknowledgeAllocation } from '../../../core/use-cases/feed/acknowledge-allocation.js';
import { answerCancellation } from '../../../core/use-cases/feed/answer-cancellation.js';
import { rejectAllocation } from '../../../core/use-cases/feed/reject-allocation.js';
import { allocationPageSchema, allocationSchema, cancellationAnswerSchema, errorSchema, idParams, leaseResultSchema, rejectBodySchema } from './schemas.js';

const dto = (a: FeedAllocation) => ({
  ...a, createdAt: a.createdAt.toISOString(), promisedShipBy: a.promisedShipBy?.toISOString() ?? null, promisedDeliveryBy: a.promisedDeliveryBy?.toISOString() ?? null,
  leaseUntil: a.leaseUntil?.toISOString() ?? null, shipTo: a.shipTo ? shipTo(a.shipTo) : null,
});
const shipTo = ({ name, company, address1, address2, city, province, zip, countryCode, phone }: NonNullable<FeedAllocation['shipTo']>) =>
  ({ name, company, address1, address2, city, province, zip, countryCode, phone });
const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema };
const statusGroups = { ready: ['ready', 'leased'], open: ['ready', 'leased', 'acknowledged', 'partially_shipped'], cancel_requested: ['cancel_requested'], done: ['shipped', 'cancelled', 'rejected'] } as const;

export async function feedAllocationRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['allocations'];

  r.get('/allocations', {
    schema: {
      tags, summary: 'List allocations of your warehouse (read-only)',
      description: 'Keyset pagination by id. `status=ready` lists what is waiting; use POST /allocations/lease to take work.',
      querystring: z.object({ status: z.enum(['ready', 'open', 'cancel_requested', 'done']).default('ready'), cursor: z.string().regex(/^\d{1,15}$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }),
      response: { 200: allocationPageSchema, ...errors },
    },
  }, async (req) => {
    const items = await createFeedRepo(ctx.db).list(req.feed.shopId, req.feed.warehouseId, { statuses: [...statusGroups[req.query.status]], after: req.query.cursor ? Number(req.query.cursor) : undefined, limit: req.query.limit });
    return { items: items.map(dto), nextCursor: items.length === req.query.limit ? String(items.at(-1)!.id) : null };
  });

  r.post('/allocations/lease', {
    schema: {
      tags, summary: 'Take ready allocations for a while',
      description: 'Returns up to `limit` allocations and hides them from other pollers for `leaseSeconds`. Acknowledge each one you accept; an unacknowledged lease expires and the allocation is offered again.',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), leaseSeconds: z.coerce.number().int().min(30).max(3600).default(300) }),
      response: { 200: leaseResultSchema, ...errors },
    },
  }, async (req) => {
    const token = randomUUID();
    const now = new Date();
    const items = await createFeedRepo(ctx.db).lease(req.feed.shopId, req.feed.warehouseId, { limit: req.query.limit, leaseMs: req.query.leaseSeconds * 1000, token, now });
    return { items: items.map(dto), leaseToken: token, leaseUntil: new Date(now.getTime() + req.query.leaseSeconds * 1000).toISOString() };
  });

  r.get('/allocations/:id', { schema: { tags, summary: 'One allocation', params: idParams, response: { 200: allocationSchema, ...errors } } }, async (req) => {
    const a = await createFeedRepo(ctx.db).get(req.feed.shopId, req.feed.warehouseId, req.params.id);
    if (!a) throw new NotFoundError('allocation');
    return dto(a);
  });

  r.post('/allocations/:id/acknowledge', {
    schema: {
      tags, summary: 'Accept an allocation', params: idParams,
      description: 'Send the `leaseToken` you received: if another poller holds a live lease on the allocation the answer is 409.',
      body: z.object({ leaseToken: z.string().max(100).optional() }).nullish(),
      response: { 200: z.object({ status: z.string(), changed: z.boolean() }), ...errors },
    },
  }, async (req) => acknowledgeAllocation({ db: ctx.db }, { who: req.feed, allocationId: req.params.id, leaseToken: req.body?.leaseToken }));

  r.post('/allocations/:id/reject', {
    schema: { tags, summary: 'Refuse an allocation', description: 'The stock is released and the order is routed to another warehouse.', params: idParams, body: rejectBodySchema, response: { 200: z.object({ status: z.literal('rejected'), rerouting: z.boolean() }), ...errors } },
  }, async (req) => rejectAllocation({ db: ctx.db, queues: ctx.queues }, { who: req.feed, allocationId: req.params.id, reason: req.body.reason, message: req.body.message }));

  r.post('/allocations/:id/cancellation', {
    schema: { tags, summary: 'Answer a cancellation request', description: 'Allocations in `cancel_requested` (list them with status=cancel_requested) wait for this answer.', params: idParams, body: cancellationAnswerSchema, response: { 200: z.object({ status: z.string() }), ...errors } },
  }, async (req) => answerCancellation({ db: ctx.db, queues: ctx.queues }, { who: req.feed, allocationId: req.params.id, accept: req.body.accept, reason: req.body.reason }));
}
