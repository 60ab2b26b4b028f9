import { routeOrder } from '../core/use-cases/route-order.js';
import type { ProcessorDef } from './run-worker.js';

/** Routes orders; each run places only what is not placed yet, so repeats are harmless. */
export const routeProcessor: ProcessorDef<'route'> = {
  concurrency: 16,
  async process(ctx, payload) {
    return routeOrder({ db: ctx.db, queues: ctx.queues, log: ctx.log }, payload);
  },
};
