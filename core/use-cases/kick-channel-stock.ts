import { createChannelAccountsRepo } from '../db/channel-accounts-repo.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';

/** Pushes of one account started within this window are one job: a burst of stock changes is one push. */
const COALESCE_MS = 5_000;

/**
 * Part of the coalesced inventory sync: one stock push job per marketplace account, each on
 * its own so a marketplace that is down or throttling delays nobody else. `changedAt` is when
 * the stock moved, for the lag each channel reports.
 */
export async function kickChannelStock(deps: { db: Db; queues: Queues; log: Logger }, input: { shopId: number; changedAt: number; full?: boolean }): Promise<{ queued: number }> {
  const accounts = await createChannelAccountsRepo(deps.db).listActive(input.shopId);
  const bucket = Math.floor(input.changedAt / COALESCE_MS);
  for (const a of accounts) {
    await deps.queues.add('channels', { shopId: input.shopId, accountId: a.id, task: 'push-stock', changedAt: input.changedAt, full: input.full },
      { jobId: `chstock-${a.id}-${input.full ? 'full-' : ''}${bucket}` });
  }
  return { queued: accounts.length };
}
