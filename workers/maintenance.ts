import type { AppContext } from '../core/context.js';
import { sweepInbox } from '../core/use-cases/sweep-inbox.js';
import { sweepWork } from '../core/use-cases/sweep-work.js';
import { scheduleReconciliation } from '../core/use-cases/schedule-reconciliation.js';
import type { ProcessorDef } from './run-worker.js';

/** Periodic housekeeping: re-enqueue durable work that Redis may have lost. */
export const maintenanceProcessor: ProcessorDef<'maintenance'> = {
  concurrency: 1,
  async process(ctx: AppContext, payload) {
    switch (payload.task) {
      case 'sweep': {
        const deps = { db: ctx.db, queues: ctx.queues, log: ctx.log };
        const inbox = await sweepInbox(deps, { olderThanMs: 10_000 });
        const work = await sweepWork(deps, { olderThanMs: 60_000 });
        return { ...inbox, ...work };
      }
      case 'schedule-reconcile':
        return scheduleReconciliation({ db: ctx.db, queues: ctx.queues }, { everyMs: ctx.config.shopify.reconcileEveryMinutes * 60_000 });
    }
  },
};
