import { ingestEvent } from '../core/use-cases/ingest-event.js';
import type { ProcessorDef } from './run-worker.js';

/** Applies inbox events; a dead letter ends the job without a retry. */
export const ingestProcessor: ProcessorDef<'ingest'> = {
  concurrency: 32,
  async process(ctx, payload, job) {
    const attempts = job.opts.attempts ?? 1;
    return ingestEvent(
      {
        db: ctx.db,
        queues: ctx.queues,
        log: ctx.log,
        email: { appUrl: ctx.config.http.appUrl, appCanSend: ctx.mailer.configured },
      },
      { inboxId: payload.inboxId, finalAttempt: job.attemptsMade + 1 >= attempts },
    );
  },
};
