import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createFeedRepo, type FeedAllocation } from '../../../core/db/feed-repo.js';
import type { FeedSignals } from '../../../core/db/feed-signals.js';
import { NotFoundError } from '../../../core/errors.js';
import { acknowledgeAllocation } from '../../../core/use-cases/feed/acknowledge-allocation.js';
import { answerCancellation } from '../../../core/use-cases/feed/answer-cancellation.js';
import { extendLease, releaseLease, type LeaseState } from '../../../core/use-cases/feed/manage-lease.js';
import { rejectAllocation } from '../../../core/use-cases/feed/reject-allocation.js';
import { bodyErrors, errorsFor } from './errors.js';
import {
  acknowledgeBodySchema,
  acknowledgeResultSchema,
  allocationPageSchema,
  allocationSchema,
  allocationStatuses,
  cancellationAnswerSchema,
  cancellationResultSchema,
  idParams,
  leaseExtendBodySchema,
  leaseReleaseBodySchema,
  leaseResultSchema,
  leaseStateSchema,
  rejectBodySchema,
  rejectResultSchema,
} from './schemas.js';
import { rfc3339 } from './rfc3339.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const dto = (a: FeedAllocation) => ({
  id: a.id,
  status: a.status,
  idempotencyKey: a.idempotencyKey,
  orderName: a.orderName,
  channel: a.channel,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  promisedShipBy: iso(a.promisedShipBy),
  promisedDeliveryBy: iso(a.promisedDeliveryBy),
  serviceLevel: a.serviceLevel,
  leaseUntil: iso(a.leaseUntil),
  shipTo: a.shipTo ? shipTo(a.shipTo) : null,
  email: a.email,
  lines: a.lines,
});
const shipTo = (s: NonNullable<FeedAllocation['shipTo']>) => ({
  name: s.name ?? null,
  company: s.company ?? null,
  address1: s.address1 ?? null,
  address2: s.address2 ?? null,
  city: s.city ?? null,
  province: s.province ?? null,
  zip: s.zip ?? null,
  countryCode: s.countryCode ?? null,
  phone: s.phone ?? null,
});
const leaseDto = (l: LeaseState) => ({
  id: l.id,
  status: l.status as (typeof allocationStatuses)[number],
  leaseUntil: iso(l.leaseUntil),
});

/** Named groups of the list filter; every single status can be asked for too. */
const statusGroups = {
  ready: ['ready', 'leased'],
  open: ['ready', 'leased', 'acknowledged', 'partially_shipped'],
  done: ['shipped', 'cancelled', 'rejected'],
  all: [...allocationStatuses],
} as const;
const statusFilter = z
  .enum(['takeable', 'ready', 'open', 'done', 'all', ...allocationStatuses.filter((s) => s !== 'ready')])
  .default('ready')
  .describe(
    [
      'Which allocations to list:',
      '- `takeable`: what a lease would give you now (ready, or leased with the lease run out)',
      '- `ready` (default): ready or leased, i.e. not yet acknowledged',
      '- `open`: not finished: ready, leased, acknowledged or partially shipped',
      '- `done`: shipped, cancelled or rejected',
      '- `all`: every status',
      '- one status: `reserved` (stock held, not handed to you yet), `leased`, `acknowledged`, `partially_shipped`, `shipped`, `cancel_requested` (answer with /cancellation), `cancelled`, `rejected`',
    ].join('\n'),
  );
const waitSeconds = z.coerce
  .number()
  .int()
  .min(0)
  .max(30)
  .default(0)
  .describe(
    'Long poll: when nothing matches, hold the request up to this many seconds and answer as soon as something does (new work arrives within about a second)',
  );

/** Runs `query`, and while it finds nothing and `wait` allows, waits for new work at the warehouse and runs it again. */
async function longPoll<T>(
  signals: FeedSignals,
  reply: FastifyReply,
  warehouseId: number,
  waitS: number,
  query: () => Promise<T[]>,
): Promise<T[]> {
  if (waitS === 0) return query();
  const w = await signals.subscribe(warehouseId);
  // a client that hangs up ends its wait: nobody is left to answer
  const gone = (): void => w.cancel();
  reply.raw.once('close', gone);
  try {
    const deadline = Date.now() + waitS * 1000;
    let items = await query();
    while (items.length === 0 && Date.now() < deadline) {
      if (!(await w.until(deadline - Date.now()))) break;
      items = await query();
    }
    return items;
  } finally {
    reply.raw.off('close', gone);
    w.cancel();
  }
}

export async function feedAllocationRoutes(
  app: FastifyInstance,
  { ctx, signals }: { ctx: AppContext; signals: FeedSignals },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['allocations'];
  const repo = createFeedRepo(ctx.db);

  r.get(
    '/allocations',
    {
      schema: {
        operationId: 'listAllocations',
        tags,
        summary: 'List allocations of your warehouse (read-only)',
        description:
          'Keyset pagination by id: follow `nextCursor` until it is null. Listing takes nothing: use POST /allocations/lease to take work. With `changedSince` (the `serverTime` of your previous read) you see only what changed, e.g. new cancellation requests. With `wait` the request long-polls.',
        querystring: z.object({
          status: statusFilter,
          changedSince: rfc3339
            .optional()
            .describe('Only allocations whose status or lease changed at or after this instant'),
          cursor: z
            .string()
            .regex(/^\d{1,15}$/)
            .optional()
            .describe('The `nextCursor` of the previous page'),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          wait: waitSeconds,
        }),
        response: { 200: allocationPageSchema, ...errorsFor() },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const serverTime = new Date();
      const statuses =
        q.status === 'takeable'
          ? ('takeable' as const)
          : q.status in statusGroups
            ? [...statusGroups[q.status as keyof typeof statusGroups]]
            : [q.status as (typeof allocationStatuses)[number]];
      const query = () =>
        repo.list(req.feed.shopId, req.feed.warehouseId, {
          statuses,
          now: new Date(),
          changedSince: q.changedSince ? new Date(q.changedSince) : undefined,
          after: q.cursor ? Number(q.cursor) : undefined,
          limit: q.limit,
        });
      const items = await longPoll(signals, reply, req.feed.warehouseId, q.cursor ? 0 : q.wait, query);
      return {
        items: items.map(dto),
        nextCursor: items.length === q.limit ? String(items.at(-1)!.id) : null,
        serverTime: serverTime.toISOString(),
      };
    },
  );

  r.post(
    '/allocations/lease',
    {
      schema: {
        operationId: 'leaseAllocations',
        tags,
        summary: 'Take ready allocations for a while',
        description:
          'Returns up to `limit` allocations and hides them from other pollers for `leaseSeconds`. While the lease is live, acknowledging, rejecting or shipping them needs the `leaseToken`. An unacknowledged lease expires and the allocation is offered again. With `wait` the request long-polls: the best way to hear of new work at once without polling hard.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          leaseSeconds: z.coerce.number().int().min(30).max(3600).default(300),
          wait: waitSeconds,
        }),
        response: { 200: leaseResultSchema, ...errorsFor() },
      },
    },
    async (req, reply) => {
      const token = randomUUID();
      let until = new Date();
      const items = await longPoll(signals, reply, req.feed.warehouseId, req.query.wait, () => {
        const now = new Date();
        until = new Date(now.getTime() + req.query.leaseSeconds * 1000);
        return repo.lease(req.feed.shopId, req.feed.warehouseId, {
          limit: req.query.limit,
          leaseMs: req.query.leaseSeconds * 1000,
          token,
          now,
        });
      });
      return { items: items.map(dto), leaseToken: token, leaseUntil: until.toISOString() };
    },
  );

  r.get(
    '/allocations/:id',
    {
      schema: {
        operationId: 'getAllocation',
        tags,
        summary: 'One allocation',
        params: idParams,
        response: { 200: allocationSchema, ...errorsFor(404) },
      },
    },
    async (req) => {
      const a = await repo.get(req.feed.shopId, req.feed.warehouseId, req.params.id);
      if (!a) throw new NotFoundError('allocation');
      return dto(a);
    },
  );

  r.post(
    '/allocations/:id/acknowledge',
    {
      schema: {
        operationId: 'acknowledgeAllocation',
        tags,
        summary: 'Accept an allocation',
        params: idParams,
        description:
          'From here on the allocation is yours and cancelling it needs your answer. While your lease is live, send its `leaseToken` (409 `lease_required` / `lease_mismatch` otherwise). Acknowledging twice changes nothing.',
        body: acknowledgeBodySchema.nullish(),
        response: { 200: acknowledgeResultSchema, ...errorsFor(404, 409, ...bodyErrors) },
      },
    },
    async (req) =>
      acknowledgeAllocation(
        { db: ctx.db },
        { who: req.feed, allocationId: req.params.id, leaseToken: req.body?.leaseToken },
      ),
  );

  r.post(
    '/allocations/:id/reject',
    {
      schema: {
        operationId: 'rejectAllocation',
        tags,
        summary: 'Refuse an allocation',
        params: idParams,
        body: rejectBodySchema,
        description:
          'The stock is released and the order is routed to another warehouse. Possible until you ship. While your lease is live, send its `leaseToken`.',
        response: { 200: rejectResultSchema, ...errorsFor(404, 409, ...bodyErrors) },
      },
    },
    async (req) =>
      rejectAllocation(
        { db: ctx.db, queues: ctx.queues },
        {
          who: req.feed,
          allocationId: req.params.id,
          reason: req.body.reason,
          message: req.body.message,
          leaseToken: req.body.leaseToken,
        },
      ),
  );

  r.post(
    '/allocations/:id/lease/release',
    {
      schema: {
        operationId: 'releaseAllocationLease',
        tags,
        summary: 'Give a leased allocation back',
        params: idParams,
        body: leaseReleaseBodySchema,
        description:
          'The allocation is offered to pollers again at once (and announced by webhook), instead of when the lease runs out.',
        response: { 200: leaseStateSchema, ...errorsFor(404, 409, ...bodyErrors) },
      },
    },
    async (req) =>
      leaseDto(
        await releaseLease(
          { db: ctx.db },
          { who: req.feed, allocationId: req.params.id, leaseToken: req.body.leaseToken },
        ),
      ),
  );

  r.post(
    '/allocations/:id/lease/extend',
    {
      schema: {
        operationId: 'extendAllocationLease',
        tags,
        summary: 'Keep a leased allocation longer',
        params: idParams,
        body: leaseExtendBodySchema,
        description:
          'The lease then ends `leaseSeconds` from now. Works after the lease ran out as long as nobody else took the allocation (409 `lease_mismatch` then).',
        response: { 200: leaseStateSchema, ...errorsFor(404, 409, ...bodyErrors) },
      },
    },
    async (req) =>
      leaseDto(
        await extendLease(
          { db: ctx.db },
          {
            who: req.feed,
            allocationId: req.params.id,
            leaseToken: req.body.leaseToken,
            leaseSeconds: req.body.leaseSeconds,
            now: new Date(),
          },
        ),
      ),
  );

  r.post(
    '/allocations/:id/cancellation',
    {
      schema: {
        operationId: 'answerCancellation',
        tags,
        summary: 'Answer a cancellation request',
        params: idParams,
        body: cancellationAnswerSchema,
        description:
          'Allocations in `cancel_requested` (list them with `status=cancel_requested`, or hear of them by webhook) wait for this answer: accept when nothing has left, refuse once a parcel has.',
        response: { 200: cancellationResultSchema, ...errorsFor(404, 409, ...bodyErrors) },
      },
    },
    async (req) =>
      answerCancellation(
        { db: ctx.db, queues: ctx.queues },
        { who: req.feed, allocationId: req.params.id, accept: req.body.accept, reason: req.body.reason },
      ) as Promise<{ status: 'cancelled' | 'kept' }>,
  );
}
