import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerEmailDeps, type AppContext } from '../../../core/context.js';
import { createFeedReadbackRepo, type FeedShipment } from '../../../core/db/feed-readback-repo.js';
import { NotFoundError } from '../../../core/errors.js';
import { recordShipment } from '../../../core/use-cases/feed/record-shipment.js';
import { recordTrackingEvent } from '../../../core/use-cases/feed/record-tracking-event.js';
import { runIdempotent, type AnswerSlot, type IdempotentAnswer } from '../../../core/use-cases/feed/run-idempotent.js';
import { updateShipmentTracking } from '../../../core/use-cases/feed/update-shipment-tracking.js';
import { bodyErrors, errorsFor } from './errors.js';
import { rfc3339 } from './rfc3339.js';
import {
  idempotencyKeyHeader,
  idParams,
  shipmentBodySchema,
  shipmentPageSchema,
  shipmentResultSchema,
  shipmentSchema,
  trackingEventBodySchema,
  trackingEventResultSchema,
  trackingUpdateBodySchema,
  trackingUpdateResultSchema,
} from './schemas.js';

const keyScope =
  'A key is scoped to your warehouse, this operation and the resource in the path, and kept at least 7 days. The same key with the same request answers the first result again with `Idempotent-Replayed: true`; with a different request it is a 422 `idempotency_key_reused`. Refused requests are not stored: fix and resend with the same key.';

export const shipmentDto = (s: FeedShipment) => ({
  ...s,
  shippedAt: s.shippedAt.toISOString(),
  deliveredAt: s.deliveredAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** Sends an idempotent answer, saying when it is a replay. */
export function sendIdempotent<T>(reply: FastifyReply, a: IdempotentAnswer<T>) {
  if (a.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(a.statusCode).send(a.body);
}

export async function feedShipmentRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shipments'];
  const readback = createFeedReadbackRepo(ctx.db);

  r.post(
    '/allocations/:id/shipments',
    {
      schema: {
        operationId: 'createShipment',
        tags,
        summary: 'Report a parcel that left',
        params: idParams,
        body: shipmentBodySchema,
        headers: z.object({
          'idempotency-key': idempotencyKeyHeader.describe(
            'Your unique id for this parcel (your shipment or package id)',
          ),
        }),
        description: `Several parcels per allocation are allowed; together they never exceed what was allocated (422 \`shipment_exceeds_allocation\`). Shipping an allocation you leased but did not acknowledge needs the \`leaseToken\` while the lease is live. ${keyScope}`,
        response: { 200: shipmentResultSchema, 201: shipmentResultSchema, ...errorsFor(404, 409, 422, ...bodyErrors) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await runIdempotent(
        { db: ctx.db },
        // recordShipment looks its idempotency key and stored answer up first, changes nothing for
        // a known key, and stores a fresh answer with the shipment
        { who: req.feed, scope: `createShipment:${req.params.id}`, key, request: req.body, selfIdempotent: true },
        async (slot) => {
          const result = await recordShipment(
            { db: ctx.db, queues: ctx.queues, customers: customerEmailDeps(ctx) },
            {
              who: req.feed,
              allocationId: req.params.id,
              idempotencyKey: key,
              lines: req.body.lines,
              carrier: req.body.carrier ?? null,
              trackingNumbers: req.body.trackingNumbers,
              trackingUrl: req.body.trackingUrl ?? null,
              shippedAt: new Date(req.body.shippedAt),
              leaseToken: req.body.leaseToken,
              // the stored body is the result as answered below: created is 201
              answer: { ...slot, statusCode: 201 },
            },
          );
          const { storedAnswer, answerSaved, ...body } = result;
          return {
            repeated: !result.created,
            stored: storedAnswer,
            saved: answerSaved,
            statusCode: result.created ? 201 : 200,
            body: {
              ...body,
              allocationStatus: body.allocationStatus as z.infer<typeof shipmentResultSchema>['allocationStatus'],
            },
          };
        },
      );
      return sendIdempotent(reply, answer);
    },
  );

  r.get(
    '/shipments',
    {
      schema: {
        operationId: 'listShipments',
        tags,
        summary: 'List the parcels you reported',
        description:
          'Read back what you reported and what happened since (status from tracking events, corrected tracking). Keyset pagination by id.',
        querystring: z.object({
          allocationId: z.coerce.number().int().min(1).optional().describe("Only this allocation's parcels"),
          changedSince: rfc3339.optional().describe('Only parcels changed at or after this instant'),
          cursor: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: shipmentPageSchema, ...errorsFor() },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await readback.listShipments(req.feed.shopId, req.feed.warehouseId, {
        after: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
        allocationId: q.allocationId,
        changedSince: q.changedSince ? new Date(q.changedSince) : undefined,
      });
      return { items: items.map(shipmentDto), nextCursor: items.length === q.limit ? String(items.at(-1)!.id) : null };
    },
  );

  r.get(
    '/shipments/:id',
    {
      schema: {
        operationId: 'getShipment',
        tags,
        summary: 'One parcel you reported',
        params: idParams,
        response: { 200: shipmentSchema, ...errorsFor(404) },
      },
    },
    async (req) => {
      const s = await readback.getShipment(req.feed.shopId, req.feed.warehouseId, req.params.id);
      if (!s) throw new NotFoundError('shipment');
      return shipmentDto(s);
    },
  );

  r.put(
    '/shipments/:id/tracking',
    {
      schema: {
        operationId: 'updateShipmentTracking',
        tags,
        summary: "Correct a parcel's tracking",
        params: idParams,
        body: trackingUpdateBodySchema,
        description:
          "Replaces the carrier and tracking numbers of a shipment; the sales channel's fulfillment is updated in place. Idempotent by nature: the same body twice changes nothing the second time.",
        response: { 200: trackingUpdateResultSchema, ...errorsFor(404, ...bodyErrors) },
      },
    },
    async (req) =>
      updateShipmentTracking(
        { db: ctx.db, queues: ctx.queues },
        {
          who: req.feed,
          shipmentId: req.params.id,
          carrier: req.body.carrier ?? null,
          trackingNumbers: req.body.trackingNumbers,
          trackingUrl: req.body.trackingUrl ?? null,
        },
      ),
  );

  r.post(
    '/shipments/:id/events',
    {
      schema: {
        operationId: 'createTrackingEvent',
        tags,
        summary: 'Report a tracking event',
        params: idParams,
        body: trackingEventBodySchema,
        headers: z.object({
          'idempotency-key': idempotencyKeyHeader
            .optional()
            .describe('Optional: the same event (status and time) is recorded once anyway'),
        }),
        description: `The shipment takes the status of its newest event; \`delivered\` is final. ${keyScope}`,
        response: { 200: trackingEventResultSchema, ...errorsFor(404, 422, ...bodyErrors) },
      },
    },
    async (req, reply) => {
      const run = async (slot?: AnswerSlot) => {
        const out = await recordTrackingEvent(
          { db: ctx.db, queues: ctx.queues, customers: customerEmailDeps(ctx) },
          {
            who: req.feed,
            shipmentId: req.params.id,
            status: req.body.status,
            occurredAt: new Date(req.body.occurredAt),
            description: req.body.description,
            location: req.body.location,
            ...(slot ? { answer: { ...slot, statusCode: 200 } } : {}),
          },
        );
        return {
          statusCode: 200,
          body: { created: out.created, status: out.status },
          repeated: !!out.storedAnswer,
          stored: out.storedAnswer,
          saved: !!slot && !out.storedAnswer,
        };
      };
      const key = req.headers['idempotency-key'];
      if (!key) {
        const { statusCode, body } = await run();
        return sendIdempotent(reply, { statusCode, body, replayed: false });
      }
      return sendIdempotent(
        reply,
        await runIdempotent(
          { db: ctx.db },
          // the event's statement looks the stored answer up first, and stores a fresh one
          {
            who: req.feed,
            scope: `createTrackingEvent:${req.params.id}`,
            key,
            request: req.body,
            selfIdempotent: true,
          },
          run,
        ),
      );
    },
  );
}
