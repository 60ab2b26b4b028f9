import type { Db } from '../db/client.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import type { Logger } from '../logger.js';

export interface PruneInboxDeps {
  db: Db;
  log: Logger;
}

/**
 * Raw webhook bodies hold customers' names and addresses: once applied they are kept only
 * for the retention period. Pending events and dead letters stay until they are replayed or
 * discarded.
 */
export async function pruneInbox(deps: PruneInboxDeps, input: { processedRetentionDays: number; now?: Date; limit?: number }): Promise<{ pruned: number }> {
  const now = input.now ?? new Date();
  const pruned = await createInboxRepo(deps.db).deleteProcessedBefore(new Date(now.getTime() - input.processedRetentionDays * 86_400_000), input.limit ?? 5000);
  if (pruned > 0) deps.log.info({ pruned, retentionDays: input.processedRetentionDays }, 'processed webhook bodies pruned');
  return { pruned };
}
