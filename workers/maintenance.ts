import type { AppContext } from '../core/context.js';
import { sweepInbox } from '../core/use-cases/sweep-inbox.js';
import type { ProcessorDef } from './run-worker.js';

/** Periodic housekeeping: re-enqueue durable work that Redis may have lost. */
export const maintenanceProcessor: ProcessorDef<'maintenance'> = {
  concurrency: 1,
  async process(ctx: AppContext, payload) {
    switch (payload.task) {
      case 'sweep':
        return sweepInbox({ db: ctx.db, queues: ctx.queues, log: ctx.log }, { olderThanMs: 10_000 });
    }
  },
};
