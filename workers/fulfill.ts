import { pushTracking } from '../core/use-cases/push-tracking.js';
import type { ProcessorDef } from './run-worker.js';

/** Pushes shipments and their tracking events to the sales channel the order came from. */
export const fulfillProcessor: ProcessorDef<'fulfill'> = {
  concurrency: 16,
  async process(ctx, payload, job) {
    const attempts = job.opts.attempts ?? 1;
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
      { ...payload, finalAttempt: job.attemptsMade + 1 >= attempts },
    );
  },
};
