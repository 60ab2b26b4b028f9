import { createChannelAccountsRepo, type ChannelAccountRow } from '../db/channel-accounts-repo.js';
import type { Db } from '../db/client.js';

/** Every active marketplace account of every shop, with the settings that say how often to poll it. */
export async function listPolledChannelAccounts(deps: {
  db: Db;
}): Promise<Pick<ChannelAccountRow, 'id' | 'shopId' | 'settings'>[]> {
  return createChannelAccountsRepo(deps.db).listAllActive();
}
