import type { Queues } from '../../queue/producer.js';

export interface RequestSyncDeps {
  queues: Queues;
}

/**
 * Queues an import or a reconciliation for a shop unless one is already waiting or running:
 * a repeat joins it (BullMQ deduplication keeps the id until that job completes or fails).
 * Returns whether the request was coalesced into the existing job.
 */
export async function requestSync(deps: RequestSyncDeps, input: { shopId: number; kind: 'import' | 'orders' }): Promise<{ coalesced: boolean }> {
  const name = input.kind === 'import' ? 'import' : 'reconcile';
  const jobId = `${name}-${input.shopId}-${Date.now()}`;
  const job = await deps.queues.add('reconcile', { shopId: input.shopId, kind: input.kind }, { jobId, deduplication: { id: `${name}-${input.shopId}` } });
  return { coalesced: job.id !== jobId };
}
