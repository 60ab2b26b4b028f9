import type { AppContext } from '../core/context.js';
import { dispatchAllocation } from '../core/use-cases/dispatch-allocation.js';
import type { RouteNow } from '../core/use-cases/ingest/run-follow-ups.js';
import { routeOrder } from '../core/use-cases/route-order.js';
import { dispatchDeps } from './dispatch.js';
import type { ProcessorDef } from './run-worker.js';

/**
 * One routing run; each places only what is not placed yet, so repeats are harmless. An
 * allocation for a feed warehouse is handed over in the same run (Shopify's placement, then the
 * feed listing: no call to the 3PL), which spares the flash sale a job and a queue hop per
 * order; a 3PL with its own API, or a hand-over that failed, gets its dispatch job and retries.
 */
export function routeRun(ctx: AppContext): RouteNow {
  const handOver = async (shopId: number, allocationId: number) => {
    try {
      const done = await dispatchAllocation(dispatchDeps(ctx), {
        shopId,
        allocationId,
        attempt: 1,
        finalAttempt: false,
        onlyStyle: 'feed',
      });
      return done.status !== 'deferred';
    } catch (err) {
      ctx.log.warn(
        { shopId, allocationId, err: (err as Error).message },
        'hand-over in the routing run failed; its dispatch job tries again',
      );
      return false;
    }
  };
  return (payload) => routeOrder({ db: ctx.db, queues: ctx.queues, log: ctx.log, handOver }, payload);
}

/** Routes orders: the runs queued by the sweeper, imports, reconciliation and split processes. */
export const routeProcessor: ProcessorDef<'route'> = {
  concurrency: 32,
  process: (ctx, payload) => routeRun(ctx)(payload),
};
