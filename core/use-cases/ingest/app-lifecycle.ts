import { createShopsRepo } from '../../db/shops-repo.js';
import type { TopicHandler } from './types.js';

/** app/uninstalled: disable the shop and drop its tokens; the data stays until shop/redact. */
export const ingestAppUninstalled: TopicHandler = async (tx, shop, _payload, event) => {
  await createShopsRepo(tx).uninstall(shop.id, event.triggeredAt ?? event.receivedAt);
  return { outcome: 'uninstalled' };
};
