import type { Db } from '../../db/client.js';
import { createTrackingPushQueries, type ScanAudit, type ScanMark } from '../../db/tracking-push-queries.js';
import type { ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import type { Logger } from '../../logger.js';
import { TRACKING_WINDOW_MS } from '../../queue/job-ids.js';
import { enqueueDueScans } from '../../queue/producers.js';
import type { Queues } from '../../queue/producer.js';
import { scansPushed, sendFulfillmentEvent } from './push-tracking-events.js';

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
  // more are due than one run takes: the next tick's job goes on (this one's tick is over)
  if (due.length === DUE_SCANS_PER_RUN) await enqueueDueScans(deps.queues, input.shopId, now, now);
  const outcomes = await Promise.allSettled(
    due.map((d) => sendFulfillmentEvent(deps.shopify, d.shopDomain, d.fulfillmentId, d.scans.at(-1)!)),
  );

  const marks: ScanMark[] = [];
  const audits: ScanAudit[] = [];
  let firstError: unknown = null;
  for (const [i, d] of due.entries()) {
    const outcome = outcomes[i]!;
    const newest = d.scans.at(-1)!;
    if (outcome.status === 'fulfilled') {
      const pushed = scansPushed({ shipmentId: d.shipmentId, orderId: d.orderId }, d.scans);
      marks.push(...pushed.marks);
      audits.push(pushed.audit);
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
