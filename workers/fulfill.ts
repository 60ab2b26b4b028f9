import { pushTracking } from '../core/use-cases/push-tracking.js';
import { pushDueScans } from '../core/use-cases/tracking/push-due-scans.js';
import type { ProcessorDef } from './run-worker.js';

/**
 * Pushes shipments and their tracking events to the sales channel the order came from: one
 * shipment's push, or (no shipment named) the shop's carrier scans that are due.
 */
export const fulfillProcessor: ProcessorDef<'fulfill'> = {
  concurrency: 16,
  async process(ctx, payload, job) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (payload.shipmentId === undefined)
      return pushDueScans(
        { db: ctx.db, shopify: ctx.shopify, queues: ctx.queues, log: ctx.log },
        { shopId: payload.shopId, finalAttempt },
      );
    return pushTracking(
      {
        db: ctx.db,
        shopify: ctx.shopify,
        channels: ctx.channels,
        log: ctx.log,
        customers: {
          appUrl: ctx.config.http.appUrl,
          appCanSend: ctx.mailer.configured,
          queues: ctx.queues,
          log: ctx.log,
        },
      },
      { shopId: payload.shopId, shipmentId: payload.shipmentId, finalAttempt },
    );
  },
};
