import { errorSummary } from '../../error-summary.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import type { JobPayload } from '../../queue/payloads.js';
import type { FollowUp } from './types.js';

/** Routes an order in the job that ingested it (a process that serves both queues). */
export type RouteNow = (payload: JobPayload<'route'>) => Promise<unknown>;

/**
 * Starts an ingest's follow-up work once its transaction has committed. Each is queued, except
 * routing runs when `routeNow` is given: those run here, all at once, which spares the flash sale
 * a job and its queue hop per order. A run that fails is queued to try again; a crash mid-run
 * leaves the order unrouted in Postgres, where the sweeper finds it. An enqueue failure is logged
 * with its job id by enqueue, and the sweepers find that work in Postgres too.
 */
export async function runFollowUps(
  deps: { queues: Queues; log: Logger; routeNow?: RouteNow },
  followUps: FollowUp[],
): Promise<void> {
  const inline: Extract<FollowUp, { queue: 'route' }>[] = [];
  for (const f of followUps) {
    if (f.queue === 'route' && deps.routeNow) inline.push(f);
    else await deps.queues.enqueue(f.queue, f.payload as never, f.jobId);
  }
  await Promise.all(
    inline.map(async (f) => {
      try {
        await deps.routeNow!(f.payload);
      } catch (err) {
        deps.log.warn(
          { shopId: f.payload.shopId, orderId: f.payload.orderId, jobId: f.jobId, err: errorSummary(err) },
          'routing in the ingest job failed; its routing job tries again',
        );
        await deps.queues.enqueue(f.queue, f.payload, f.jobId);
      }
    }),
  );
}
