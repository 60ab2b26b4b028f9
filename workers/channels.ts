import type { AppContext } from '../core/context.js';
import { listPolledChannelAccounts } from '../core/use-cases/list-polled-channel-accounts.js';
import { pollChannelOrders } from '../core/use-cases/poll-channel-orders.js';
import { pushChannelStock } from '../core/use-cases/push-channel-stock.js';
import type { ProcessorDef } from './run-worker.js';

/** Marketplace work, one job per account and task: a slow or failing marketplace only holds its own jobs. */
export const channelsProcessor: ProcessorDef<'channels'> = {
  concurrency: 8,
  async process(ctx, payload) {
    const deps = { db: ctx.db, queues: ctx.queues, channels: ctx.channels, log: ctx.log };
    switch (payload.task) {
      case 'poll':
        return pollChannelOrders(deps, { shopId: payload.shopId, accountId: payload.accountId });
      case 'push-stock':
        return pushChannelStock(deps, {
          shopId: payload.shopId,
          accountId: payload.accountId,
          changedAt: payload.changedAt,
          full: payload.full,
        });
    }
  },
};

/** One repeatable order poll per active account, at the account's own interval; removed accounts lose theirs. */
export async function scheduleChannelPolls(ctx: AppContext): Promise<{ accounts: number }> {
  const q = ctx.queues.queue('channels');
  const accounts = await listPolledChannelAccounts({ db: ctx.db });
  const keep = new Set(accounts.map((a) => `chpoll-${a.id}`));
  for (const a of accounts) {
    await q.upsertJobScheduler(
      `chpoll-${a.id}`,
      { every: a.settings.pollEveryMs },
      { name: 'channels', data: { shopId: a.shopId, accountId: a.id, task: 'poll' } },
    );
  }
  for (const s of await q.getJobSchedulers()) {
    if (s.key.startsWith('chpoll-') && !keep.has(s.key)) await q.removeJobScheduler(s.key);
  }
  return { accounts: accounts.length };
}
