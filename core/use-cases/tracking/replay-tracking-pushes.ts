import type { Db } from '../../db/client.js';
import { createTrackingPushFailuresRepo } from '../../db/shipments-repo.js';
import { NotFoundError } from '../../errors.js';
import { jobIds } from '../../queue/job-ids.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFulfill } from '../../queue/producers.js';

/** What the channel or the push said when it gave up, in one line for the merchant. */
export function describePushResult(result: unknown): string | null {
  if (!result || typeof result !== 'object') return typeof result === 'string' ? result : null;
  const r = result as Record<string, unknown>;
  if (typeof r.message === 'string') return typeof r.reason === 'string' ? `${r.reason}: ${r.message}` : r.message;
  if (typeof r.error === 'string') return r.error;
  if (typeof r.reason === 'string') return r.reason;
  if (Array.isArray(r.userErrors)) {
    const messages = r.userErrors
      .map((u) =>
        u && typeof u === 'object' && typeof (u as { message?: unknown }).message === 'string'
          ? (u as { message: string }).message
          : null,
      )
      .filter((m): m is string => !!m);
    if (messages.length) return messages.join('; ');
  }
  return JSON.stringify(result);
}

/** Shipments whose tracking push to the channel failed after every retry, for the dispatch-failures list. */
export async function listTrackingPushFailures(deps: { db: Db }, input: { shopId: number }) {
  return createTrackingPushFailuresRepo(deps.db).list(input.shopId);
}

/**
 * The merchant replays failed tracking pushes: each goes back to pending first (the sweeper
 * would find it if this enqueue were lost), then a job under a fresh id, since the failed job
 * of the same shipment may still be kept by BullMQ. Only the shipments this call moved from
 * `failed` to `pending` are queued: a second replay racing the first finds nothing to move and
 * queues nothing, so a push is never sent twice.
 */
export async function replayTrackingPushes(
  deps: { db: Db; queues: Queues; now?: () => number },
  input: { shopId: number; ids: number[] | 'all' },
): Promise<{ replayed: number[] }> {
  const revived = await createTrackingPushFailuresRepo(deps.db).revive(input.shopId, input.ids);
  const at = (deps.now ?? Date.now)();
  for (const shipmentId of revived)
    await enqueueFulfill(deps.queues, { shopId: input.shopId, shipmentId }, jobIds.fulfill.replay(shipmentId, at));
  return { replayed: revived };
}

/** Replays one failed push of the shop; a shipment that is not a failed push of this shop is not found. */
export async function replayTrackingPush(
  deps: { db: Db; queues: Queues; now?: () => number },
  input: { shopId: number; shipmentId: number },
): Promise<{ replayed: number[] }> {
  const result = await replayTrackingPushes(deps, { shopId: input.shopId, ids: [input.shipmentId] });
  if (result.replayed.length === 0) throw new NotFoundError('failed tracking push');
  return result;
}
