import type { FeedClient, FeedOutcome } from './feed-client.js';
import { allocationPageSchema, cancellationResultSchema, type AllocationPage } from './feed-schemas.js';
import { mapLimit } from './map-limit.js';
import type { RobotLog } from './options.js';
import type { Shipper } from './shipper.js';
import type { StatsRecorder } from './stats.js';

/** Dependencies of {@link answerCancellations}. */
export interface CancellationDeps {
  client: FeedClient;
  shipper: Shipper;
  stats: StatsRecorder;
  log: RobotLog;
  concurrency: number;
}

/**
 * Answers every pending cancellation request of the warehouse: yes while nothing of the
 * allocation has left (the floor then drops it), no once a parcel has.
 */
export async function answerCancellations(d: CancellationDeps): Promise<void> {
  let cursor: string | null = null;
  do {
    const page: FeedOutcome<AllocationPage> = await d.client.send(
      { method: 'GET', path: `/allocations?status=cancel_requested&limit=100${cursor ? `&cursor=${cursor}` : ''}` },
      allocationPageSchema,
    );
    if (!page.ok) throw new Error(`listing cancellation requests: ${page.status} ${page.code}`);
    await mapLimit(page.value.items, d.concurrency, async (a) => {
      const accept = !d.shipper.anyShipped(a.id) && a.lines.every((l) => l.shippedQuantity === 0);
      const body = accept ? { accept } : { accept, reason: "Le colis a déjà quitté l'entrepôt" };
      const out = await d.client.send(
        { method: 'POST', path: `/allocations/${a.id}/cancellation`, body },
        cancellationResultSchema,
      );
      if (!out.ok) {
        // 409: answered already (a retry of ours, or another poller)
        if (out.status !== 409) {
          d.stats.counters.errors++;
          d.log(`cancellation answer for ${a.id} refused: ${out.status} ${out.code}`);
        }
        return;
      }
      if (accept) {
        d.shipper.cancelled(a.id);
        d.stats.counters.cancellationsAccepted++;
      } else {
        d.stats.counters.cancellationsRefused++;
      }
      d.log(`allocation ${a.id} (${a.orderName}): cancellation ${accept ? 'accepted' : 'refused, already shipped'}`);
    });
    cursor = page.value.nextCursor;
  } while (cursor);
}
