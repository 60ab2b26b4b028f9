import { ingestBatch } from '../core/use-cases/ingest-batch.js';
import { ingestEvent } from '../core/use-cases/ingest-event.js';
import type { ProcessorDef } from './run-worker.js';

/** Applies inbox events, one or a batch of mirror-only ones; a dead letter ends the job without a retry. */
export const ingestProcessor: ProcessorDef<'ingest'> = {
  concurrency: 32,
  async process(ctx, payload, job) {
    const attempts = job.opts.attempts ?? 1;
    const deps = {
      db: ctx.db,
      queues: ctx.queues,
      log: ctx.log,
      feedAuth: ctx.feedAuth,
      email: { appUrl: ctx.config.http.appUrl, appCanSend: ctx.mailer.configured },
    };
    const finalAttempt = job.attemptsMade + 1 >= attempts;
    if ('inboxIds' in payload) return ingestBatch(deps, { inboxIds: payload.inboxIds, finalAttempt });
    return ingestEvent(deps, { inboxId: payload.inboxId, finalAttempt });
  },
};
