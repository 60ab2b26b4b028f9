import type { Db } from '../../db/client.js';
import { createTrackingPushFailuresRepo } from '../../db/shipments-repo.js';
import { jobIds } from '../../queue/job-ids.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFulfill } from '../../queue/producers.js';

/** Shipments whose tracking push to the channel failed after every retry, for the dispatch-failures list. */
export async function listTrackingPushFailures(deps: { db: Db }, input: { shopId: number }) {
  return createTrackingPushFailuresRepo(deps.db).list(input.shopId);
}

/**
 * The merchant replays failed tracking pushes: each goes back to pending first (the sweeper
 * would find it if this enqueue were lost), then a job under a fresh id, since the failed job
 * of the same shipment may still be kept by BullMQ.
 */
export async function replayTrackingPushes(deps: { db: Db; queues: Queues; now?: () => number }, input: { shopId: number; ids: number[] | 'all' }): Promise<{ replayed: number[] }> {
  const revived = await createTrackingPushFailuresRepo(deps.db).revive(input.shopId, input.ids);
  const at = (deps.now ?? Date.now)();
  for (const shipmentId of revived) await enqueueFulfill(deps.queues, { shopId: input.shopId, shipmentId }, jobIds.fulfill.replay(shipmentId, at));
  return { replayed: revived };
}
