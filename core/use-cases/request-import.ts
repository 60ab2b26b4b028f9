import type { Db } from '../db/client.js';
import { createSyncRepo } from '../db/sync-repo.js';
import type { Queues } from '../queue/producer.js';
import { enqueueImport } from '../queue/producers.js';

/**
 * Asks for a shop's import: a `queued` row first, then its job. If the enqueue is lost, the
 * sweeper finds the row still queued and queues it again; asking twice before it starts is one
 * import.
 */
export async function requestImport(
  deps: { db: Db; queues: Queues },
  input: { shopId: number },
): Promise<{ importId: number; queued: boolean }> {
  const run = await createSyncRepo(deps.db).queueImport(input.shopId);
  const queued = await enqueueImport(deps.queues, input.shopId, run.id);
  return { importId: run.id, queued };
}
