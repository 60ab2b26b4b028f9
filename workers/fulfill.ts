import { customerEmailDeps, type AppContext } from '../core/context.js';
import { pushTracking } from '../core/use-cases/push-tracking.js';
import { pushDueScans } from '../core/use-cases/tracking/push-due-scans.js';
import { pushNewShipments } from '../core/use-cases/tracking/push-new-shipments.js';
import { runInTurn, type ProcessorDef } from './run-worker.js';

/**
 * Longer than a run's Shopify calls take short of an outage; a process that dies holding it delays
 * the shop's pushes this long at most. A run that outlives it may overlap the next: a parcel pushed
 * twice is refused by Shopify as over-fulfilled, and the second push adopts the first's fulfillment.
 */
const PUSH_LEASE_MS = 60_000;
const BUSY_RETRY_MS = 250;

const trackingDeps = (ctx: AppContext) => ({
  db: ctx.db,
  shopify: ctx.shopify,
  channels: ctx.channels,
  log: ctx.log,
  customers: customerEmailDeps(ctx),
});

/**
 * Pushes shipments and their tracking events to the sales channel the order came from: the
 * shop's newly recorded shipments, one shipment's push (a retry, the sweeper's, a replay), or
 * (neither named) the shop's carrier scans that are due. Shipment pushes of one shop take turns:
 * two side by side could read the same shipment and push it twice, so a job that finds the
 * shop's lease taken goes back to delayed (its attempts untouched) and runs once the other is
 * done, reading what is left.
 */
export const fulfillProcessor: ProcessorDef<'fulfill'> = {
  concurrency: 16,
  async process(ctx, payload, job, token) {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const { shopId, shipmentId } = payload;
    if (shipmentId === undefined && payload.task !== 'new-shipments')
      return pushDueScans(
        { db: ctx.db, shopify: ctx.shopify, queues: ctx.queues, log: ctx.log },
        { shopId, finalAttempt },
      );
    return runInTurn(
      ctx,
      job,
      token,
      { key: `${ctx.config.redis.prefix}:shipment-pushes:${shopId}`, ttlMs: PUSH_LEASE_MS, retryMs: BUSY_RETRY_MS },
      (): Promise<unknown> =>
        shipmentId !== undefined
          ? pushTracking(trackingDeps(ctx), { shopId, shipmentId, finalAttempt })
          : pushNewShipments(
              { ...trackingDeps(ctx), queues: ctx.queues },
              { shopId, recentMs: ctx.config.maintenance.sweepGraceMs },
            ),
    );
  },
};
