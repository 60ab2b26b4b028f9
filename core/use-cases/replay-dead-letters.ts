import type { Db } from '../db/client.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import { NotFoundError } from '../errors.js';
import type { Queues } from '../queue/producer.js';
import { enqueueInboxReplays } from '../queue/producers.js';

export interface ReplayDeps {
  db: Db;
  queues: Queues;
  now?: () => number;
}

/**
 * Sends dead letters back through ingest. The row goes back to pending first, so the sweeper
 * would find it even if this enqueue were lost; the job id is fresh because the failed job
 * of the same inbox row may still be kept by BullMQ.
 */
export async function replayDeadLetters(
  deps: ReplayDeps,
  input: { shopDomain: string; ids: number[] | 'all' },
): Promise<{ replayed: number[] }> {
  const repo = createInboxRepo(deps.db);
  if (input.ids !== 'all') {
    for (const id of input.ids) {
      const row = await repo.getForShop(input.shopDomain, id);
      if (!row) throw new NotFoundError(`dead letter ${id}`);
    }
  }
  const revived = await repo.revive(input.shopDomain, input.ids);
  const stamp = (deps.now ?? Date.now)();
  await enqueueInboxReplays(deps.queues, revived, stamp);
  return { replayed: revived };
}
