import { createChannelAccountsRepo, type ChannelAccountSettings } from '../db/channel-accounts-repo.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueChannelStockPush } from '../queue/producers.js';

/** Changes within this window are one push, even for a channel that allows more; it is also the longest a change waits. */
const COALESCE_MS = 2_000;

/**
 * Part of the coalesced inventory sync: one stock push job per marketplace account, each on
 * its own so a marketplace that is down or throttling delays nobody else. `changedAt` is when
 * the stock moved, for the lag each channel reports. A channel that takes one stock call per
 * interval (Mirakl's STO01: one a minute) gets one job per interval, run when it ends, so a
 * burst of changes is one call and never a wait on its call gate.
 */
export async function kickChannelStock(
  deps: { db: Db; queues: Queues; log: Logger },
  input: { shopId: number; changedAt: number; full?: boolean; now?: number },
): Promise<{ queued: number }> {
  const accounts = await createChannelAccountsRepo(deps.db).listActive(input.shopId);
  const now = input.now ?? Date.now();
  for (const a of accounts) {
    const window = Math.max(COALESCE_MS, stockIntervalOf(a.settings));
    const bucket = Math.floor(input.changedAt / window);
    // the bucket's one push runs when the bucket ends: run at once, it would have read the stock
    // before a later change of the same bucket, whose kick then finds the job id taken and is lost
    const due = Math.max(0, (bucket + 1) * window - now);
    await enqueueChannelStockPush(
      deps.queues,
      { shopId: input.shopId, accountId: a.id, changedAt: input.changedAt, full: input.full },
      bucket,
      due,
    );
  }
  return { queued: accounts.length };
}

/** The shortest interval the account's stock calls may have. */
function stockIntervalOf(settings: ChannelAccountSettings): number {
  return settings.kind === 'mirakl' ? (settings.stockEveryMs ?? 60_000) : 0;
}
