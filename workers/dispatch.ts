import { dispatchAllocation, type DispatchDeps } from '../core/use-cases/dispatch-allocation.js';
import type { AppContext } from '../core/context.js';
import type { ProcessorDef } from './run-worker.js';

/** What a hand-over needs from the process: the dispatch worker's and the routing job's. */
export function dispatchDeps(ctx: AppContext): DispatchDeps {
  return {
    db: ctx.db,
    shopify: ctx.shopify,
    cipher: ctx.cipher,
    breaker: ctx.breaker,
    log: ctx.log,
    push: ctx.config.push,
  };
}

/** Hands allocations to their 3PL; a final failure parks the allocation as a dispatch dead letter. */
export const dispatchProcessor: ProcessorDef<'dispatch'> = {
  concurrency: 32,
  async process(ctx, payload, job) {
    const attempts = job.opts.attempts ?? 1;
    return dispatchAllocation(dispatchDeps(ctx), {
      ...payload,
      attempt: job.attemptsMade + 1,
      finalAttempt: job.attemptsMade + 1 >= attempts,
    });
  },
};
