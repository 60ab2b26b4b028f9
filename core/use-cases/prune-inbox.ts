import type { Db } from '../db/client.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import type { Logger } from '../logger.js';
import { UNKNOWN_SHOP } from './ingest-event.js';

export interface PruneInboxDeps {
  db: Db;
  log: Logger;
}

/**
 * Raw webhook bodies hold customers' names and addresses: once applied they are kept only
 * for the retention period. Pending events and dead letters stay until they are replayed or
 * discarded.
 */
export async function pruneInbox(
  deps: PruneInboxDeps,
  input: { processedRetentionDays: number; unknownShopRetentionDays?: number; now?: Date; limit?: number },
): Promise<{ pruned: number; unknownShopPruned: number; unknownShopKept: number }> {
  const now = input.now ?? new Date();
  const day = 86_400_000;
  const inbox = createInboxRepo(deps.db);
  const pruned = await inbox.deleteProcessedBefore(
    new Date(now.getTime() - input.processedRetentionDays * day),
    input.limit ?? 5000,
  );
  if (pruned > 0)
    deps.log.info({ pruned, retentionDays: input.processedRetentionDays }, 'processed webhook bodies pruned');
  // no merchant can see or replay these: they are counted and logged, then dropped
  const unknown = await inbox.pruneUnknownShop(
    UNKNOWN_SHOP,
    new Date(now.getTime() - (input.unknownShopRetentionDays ?? 7) * day),
    input.limit ?? 5000,
  );
  if (unknown.pruned > 0 || unknown.kept > 0)
    deps.log.warn({ pruned: unknown.pruned, kept: unknown.kept, shops: unknown.shops }, 'webhooks for unknown shops');
  return { pruned, unknownShopPruned: unknown.pruned, unknownShopKept: unknown.kept };
}
