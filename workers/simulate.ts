import { simulateRules } from '../core/use-cases/admin/simulate-rules.js';
import type { ProcessorDef } from './run-worker.js';

/**
 * "Try on past orders" for the admin. One at a time: the replay runs in the process's one replay
 * thread anyway, and its progress goes to the job for the admin to poll.
 */
export const simulateProcessor: ProcessorDef<'simulate'> = {
  concurrency: 1,
  async process(ctx, payload, job) {
    let told = 0;
    return simulateRules(
      {
        db: ctx.db,
        // on Postgres the replay thread reads the orders on its own connection; PGlite lives in this thread
        databaseUrl: ctx.database.driver === 'postgres' ? ctx.config.db.url : undefined,
        onProgress: (done) => {
          const rounded = Math.floor(done * 100) / 100;
          if (rounded <= told) return;
          told = rounded;
          job
            .updateProgress(rounded)
            .catch((err: Error) =>
              ctx.log.warn({ queue: 'simulate', jobId: job.id, err: err.message }, 'simulation progress not saved'),
            );
        },
      },
      { shopId: payload.shopId, draft: payload.rules, days: payload.days, now: new Date(payload.now) },
    );
  },
};
