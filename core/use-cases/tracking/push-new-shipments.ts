import { createTrackingPushQueries } from '../../db/tracking-push-queries.js';
import { errorSummary } from '../../error-summary.js';
import { AppError, RateLimitedError } from '../../errors.js';
import { jobIds } from '../../queue/job-ids.js';
import { enqueueNewShipments } from '../../queue/producers.js';
import type { Queues } from '../../queue/producer.js';
import { pushLoadedShipment, type PushTrackingDeps } from '../push-tracking.js';

/** Shipments one run pushes; a longer list goes on in the next tick's job. */
export const NEW_SHIPMENTS_PER_RUN = 100;
/**
 * The run's calls are made together: their documents wait only for one another, a little longer
 * for a push that first decides its shipping e-mail's sender (a statement before its call).
 */
const RUN_COALESCE_MS = 25;
/** A shipment whose push failed in a run is tried again on its own job this much later (then with its backoff). */
export const RETRY_ALONE_AFTER_MS = 1000;

export interface PushNewShipmentsDeps extends PushTrackingDeps {
  queues: Queues;
}

/**
 * The shop's shipments recorded in the last `recentMs` and not pushed yet, pushed in one run:
 * read in one statement, pushed side by side so their Shopify calls share aliased documents
 * (the client's coalescing). Older ones are the sweeper's. A push that failed and may succeed
 * later goes on alone: its own fulfill job, with the backoff and attempts a shipment had before
 * runs gathered them, so one failing parcel neither holds the run's others back nor makes the
 * run fail. A refusal that retrying cannot fix was recorded on its shipment by the push itself.
 * Pushes of one shop must not overlap (the worker holds the shop's lease for them), or two could
 * read the same shipment and push it twice.
 */
export async function pushNewShipments(
  deps: PushNewShipmentsDeps,
  input: { shopId: number; recentMs: number; now?: number },
): Promise<{ pushed: number; failed: number; retrying: number }> {
  const now = input.now ?? Date.now();
  const views = await createTrackingPushQueries(deps.db).loadNew(
    input.shopId,
    new Date(now - input.recentMs),
    NEW_SHIPMENTS_PER_RUN,
  );
  // more are waiting than one run takes: the next tick's job goes on once this run lets go
  if (views.length === NEW_SHIPMENTS_PER_RUN) await enqueueNewShipments(deps.queues, input.shopId, now);
  const outcomes = await Promise.allSettled(
    views.map((v) => pushLoadedShipment(deps, v, { finalAttempt: false, coalesceMs: RUN_COALESCE_MS })),
  );

  const result = { pushed: 0, failed: 0, retrying: 0 };
  for (const [i, outcome] of outcomes.entries()) {
    const shipmentId = views[i]!.shipment.id;
    if (outcome.status === 'fulfilled') {
      result[outcome.value.status === 'failed' ? 'failed' : 'pushed']++;
      continue;
    }
    const err = outcome.reason;
    if (err instanceof AppError && !err.retriable) {
      result.failed++;
      deps.log.warn({ shopId: input.shopId, shipmentId, err: errorSummary(err) }, 'shipment push refused');
      continue;
    }
    result.retrying++;
    const jobId = jobIds.fulfill.retryAlone(shipmentId, now);
    deps.log.warn(
      { shopId: input.shopId, shipmentId, jobId, err: errorSummary(err) },
      'shipment push failed; its own job tries again',
    );
    const delay = err instanceof RateLimitedError ? Math.max(err.retryAfterMs, 100) : RETRY_ALONE_AFTER_MS;
    await deps.queues.enqueue('fulfill', { shopId: input.shopId, shipmentId }, jobId, { delay });
  }
  return result;
}
