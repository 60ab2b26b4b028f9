import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { applyInventorySnapshot } from '../../../core/use-cases/feed/apply-inventory-snapshot.js';
import { recordShipment } from '../../../core/use-cases/feed/record-shipment.js';
import { recordTrackingEvent } from '../../../core/use-cases/feed/record-tracking-event.js';
import { updateShipmentTracking } from '../../../core/use-cases/feed/update-shipment-tracking.js';
import { errorSchema, idParams, shipmentBodySchema, shipmentResultSchema, snapshotBodySchema, trackingEventBodySchema } from './schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema, 429: errorSchema };
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(200).describe('Your unique id for this shipment; a retry with the same key changes nothing') });

const customerEmailDeps = (ctx: AppContext) => ({ appUrl: ctx.config.http.appUrl, appCanSend: ctx.mailer.configured, queues: ctx.queues, log: ctx.log });

export async function feedShipmentRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/allocations/:id/shipments', {
    schema: {
      tags: ['shipments'], summary: 'Report a parcel that left', headers: idempotencyHeader, params: idParams, body: shipmentBodySchema,
      description: 'Several parcels per allocation are allowed; together they never exceed what was allocated (422 otherwise).',
      response: { 200: shipmentResultSchema, 201: shipmentResultSchema, ...errors },
    },
  }, async (req, reply) => {
    const result = await recordShipment({ db: ctx.db, queues: ctx.queues, customers: customerEmailDeps(ctx) }, {
      who: req.feed, allocationId: req.params.id, idempotencyKey: req.headers['idempotency-key'], lines: req.body.lines, carrier: req.body.carrier ?? null,
      trackingNumbers: req.body.trackingNumbers, trackingUrl: req.body.trackingUrl ?? null, shippedAt: new Date(req.body.shippedAt),
    });
    return reply.code(result.created ? 201 : 200).send(result);
  });

  r.put('/shipments/:id/tracking', {
    schema: {
      tags: ['shipments'], summary: 'Correct a parcel\'s tracking', params: idParams,
      description: 'Replaces the carrier and tracking numbers of a shipment; the sales channel\'s fulfillment is updated in place.',
      body: shipmentBodySchema.pick({ carrier: true, trackingNumbers: true, trackingUrl: true }),
      response: { 200: z.object({ changed: z.boolean(), carrier: z.string().nullable(), trackingUrls: z.array(z.string()) }), ...errors },
    },
  }, async (req) => updateShipmentTracking({ db: ctx.db, queues: ctx.queues }, { who: req.feed, shipmentId: req.params.id, carrier: req.body.carrier ?? null, trackingNumbers: req.body.trackingNumbers, trackingUrl: req.body.trackingUrl ?? null }));

  r.post('/shipments/:id/events', {
    schema: { tags: ['shipments'], summary: 'Report a tracking event', params: idParams, body: trackingEventBodySchema, response: { 200: z.object({ created: z.boolean(), status: z.string() }), ...errors } },
  }, async (req) => {
    const out = await recordTrackingEvent({ db: ctx.db, queues: ctx.queues, customers: customerEmailDeps(ctx) }, { who: req.feed, shipmentId: req.params.id, status: req.body.status, occurredAt: new Date(req.body.occurredAt), description: req.body.description, location: req.body.location });
    return { created: out.created, status: out.status };
  });

  r.post('/inventory-snapshots', {
    schema: {
      tags: ['inventory'], summary: 'Report what you hold', body: snapshotBodySchema,
      description: 'Your count is the truth: differences become correction movements in our ledger. SKUs we do not know are listed back.',
      response: { 200: z.object({ items: z.number().int(), corrections: z.array(z.object({ sku: z.string(), before: z.number(), after: z.number(), delta: z.number(), short: z.number() })), unknownSkus: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    const out = await applyInventorySnapshot({ db: ctx.db, queues: ctx.queues }, { who: req.feed, snapshotId: req.body.snapshotId, takenAt: new Date(req.body.takenAt), items: req.body.items });
    return { items: out.items, corrections: out.corrections, unknownSkus: out.unknownSkus };
  });
}
