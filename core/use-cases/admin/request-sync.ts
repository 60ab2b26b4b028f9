import type { Queues } from '../../queue/producer.js';
import { requestReconcile } from '../../queue/producers.js';

export interface RequestSyncDeps {
  queues: Queues;
}

/**
 * Queues an import or a reconciliation for a shop unless one is already waiting or running:
 * a repeat joins it (BullMQ deduplication keeps the id until that job completes or fails).
 * Returns whether the request was coalesced into the existing job.
 */
export function requestSync(
  deps: RequestSyncDeps,
  input: { shopId: number; kind: 'import' | 'orders' },
): Promise<{ coalesced: boolean }> {
  return requestReconcile(deps.queues, input.shopId, input.kind, Date.now());
}
