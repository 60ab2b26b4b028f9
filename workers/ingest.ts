import type { AppContext } from '../core/context.js';
import { ingestBatch } from '../core/use-cases/ingest-batch.js';
import { ingestEvent } from '../core/use-cases/ingest-event.js';
import { routeRun } from './route.js';
import type { ProcessorDef } from './run-worker.js';

/**
 * Applies inbox events, one or a batch of mirror-only ones; a dead letter ends the job without a
 * retry. With `routeInline` (a process that also serves the route queue), the orders an event
 * makes routable are routed in this job rather than through a routing job each.
 */
export function ingestProcessorFor(routeInline: boolean): ProcessorDef<'ingest'> {
  return {
    concurrency: 32,
    async process(ctx: AppContext, payload, job) {
      const attempts = job.opts.attempts ?? 1;
      const deps = {
        db: ctx.db,
        queues: ctx.queues,
        log: ctx.log,
        feedAuth: ctx.feedAuth,
        email: { appUrl: ctx.config.http.appUrl, appCanSend: ctx.mailer.configured },
        routeNow: routeInline ? routeRun(ctx) : undefined,
      };
      const finalAttempt = job.attemptsMade + 1 >= attempts;
      if ('inboxIds' in payload) return ingestBatch(deps, { inboxIds: payload.inboxIds, finalAttempt });
      return ingestEvent(deps, { inboxId: payload.inboxId, finalAttempt });
    },
  };
}

export const ingestProcessor = ingestProcessorFor(false);
