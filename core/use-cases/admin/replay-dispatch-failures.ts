import { createDispatchFailuresRepo } from '../../db/allocations-repo.js';
import type { DbOrTx } from '../../db/client.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueDispatchReplays } from '../../queue/producers.js';

/** Clears failed hand-overs to a 3PL and queues them again; the sweeper retries any whose enqueue fails. */
export async function replayDispatchFailures(
  deps: { db: DbOrTx; queues: Queues },
  input: { shopId: number; ids: number[] | 'all' },
): Promise<{ replayed: number[] }> {
  const revived = await createDispatchFailuresRepo(deps.db).revive(input.shopId, input.ids);
  await enqueueDispatchReplays(deps.queues, input.shopId, revived, Date.now());
  return { replayed: revived };
}
