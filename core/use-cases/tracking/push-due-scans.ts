import type { Db } from '../../db/client.js';
import { createTrackingPushQueries } from '../../db/tracking-push-queries.js';
import type { ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import type { Logger } from '../../logger.js';
import { TRACKING_TICK_MS, TRACKING_WINDOW_MS, jobIds } from '../../queue/job-ids.js';
import type { Queues } from '../../queue/producer.js';
import { sendFulfillmentEvent } from './push-tracking-events.js';

/** Shipments one run pushes; a longer list goes on in the next tick's job. */
export const DUE_SCANS_PER_RUN = 200;

export interface PushDueScansDeps {
  db: Db;
  shopify: ShopifyGraphql;
  queues: Queues;
  log: Logger;
}

/**
 * The shop's carrier scans that are due, pushed to Shopify in one run: per shipment, the newest
 * scan becomes a fulfillment event (Shopify shows the newest) and the older ones are marked
 * superseded. The calls of one run share aliased documents (the client's coalescing), and the
 * marks are one statement. A shipment whose push failed keeps its scans pending: the run records
 * the others, then fails with the first error so the job tries again; on its last attempt those
 * scans are marked failed (logged with their shipment), which the sweeper leaves alone.
 */
export async function pushDueScans(
  deps: PushDueScansDeps,
  input: { shopId: number; finalAttempt?: boolean; now?: number },
): Promise<{ pushed: number; failed: number }> {
  const queries = createTrackingPushQueries(deps.db);
  const now = input.now ?? Date.now();
  const due = await queries.dueScans(input.shopId, new Date(now), TRACKING_WINDOW_MS, DUE_SCANS_PER_RUN);
  if (due.length === DUE_SCANS_PER_RUN) {
    const tick = Math.floor(now / TRACKING_TICK_MS) + 1;
    await deps.queues.enqueue('fulfill', { shopId: input.shopId }, jobIds.fulfill.dueScans(input.shopId, tick), {
      delay: (tick + 1) * TRACKING_TICK_MS - now,
    });
  }
  const outcomes = await Promise.allSettled(
    due.map((d) => sendFulfillmentEvent(deps.shopify, d.shopDomain, d.fulfillmentId, d.scans.at(-1)!)),
  );

  const marks: { id: number; status: 'pushed' | 'skipped' | 'failed' }[] = [];
  const audits: { shipmentId: number; orderId: number; action: string; data: Record<string, unknown> }[] = [];
  let firstError: unknown = null;
  for (const [i, d] of due.entries()) {
    const outcome = outcomes[i]!;
    const newest = d.scans.at(-1)!;
    if (outcome.status === 'fulfilled') {
      for (const s of d.scans) marks.push({ id: s.id, status: s.id === newest.id ? 'pushed' : 'skipped' });
      audits.push({
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        action: 'tracking_events_pushed',
        data: { shipmentId: d.shipmentId, status: newest.status, superseded: d.scans.length - 1 },
      });
      continue;
    }
    firstError ??= outcome.reason;
    const err = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
    deps.log.warn(
      { shopId: input.shopId, shipmentId: d.shipmentId, scanIds: d.scans.map((s) => s.id), err },
      input.finalAttempt ? 'scan push failed for good; scans marked failed' : 'scan push failed; the job tries again',
    );
    if (input.finalAttempt) {
      for (const s of d.scans) marks.push({ id: s.id, status: 'failed' });
      audits.push({
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        action: 'tracking_events_push_failed',
        data: { shipmentId: d.shipmentId, status: newest.status, error: err },
      });
    }
  }
  await queries.recordScansPushed(input.shopId, marks, audits);
  const failed = outcomes.filter((o) => o.status === 'rejected').length;
  if (firstError !== null && !input.finalAttempt) throw firstError;
  return { pushed: due.length - failed, failed };
}
