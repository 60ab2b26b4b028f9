import { customerEmailDeps } from '../core/context.js';
import { syncReturn } from '../core/use-cases/returns/sync-return.js';
import type { ProcessorDef } from './run-worker.js';

/** Brings Shopify in line with a return (create, approve, decline, label, dispose, refund, close). */
export const returnsProcessor: ProcessorDef<'returns'> = {
  concurrency: 8,
  async process(ctx, payload) {
    return syncReturn(
      {
        db: ctx.db,
        shopify: ctx.shopify,
        redis: ctx.redis,
        queues: ctx.queues,
        log: ctx.log,
        lockPrefix: ctx.config.redis.prefix,
        customers: customerEmailDeps(ctx),
      },
      { ...payload, now: new Date() },
    );
  },
};
