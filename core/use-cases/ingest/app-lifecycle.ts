import { hasSessionUpdatedAfter } from '../../db/session-queries.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import type { TopicHandler } from './types.js';

/**
 * app/uninstalled: disable the shop and drop its tokens; the data stays until shop/redact.
 * A delivery can arrive after the merchant installed again: an install (or a token) newer
 * than the event wins, and the event changes nothing.
 */
export const ingestAppUninstalled: TopicHandler = async (tx, shop, _payload, event) => {
  const at = event.triggeredAt ?? event.receivedAt;
  const newer = await hasSessionUpdatedAfter(tx, shop.id, at);
  if (shop.installedAt > at || newer) return { outcome: 'stale: installed again after this uninstall was sent' };
  await createShopsRepo(tx).uninstall(shop.id, at);
  return { outcome: 'uninstalled', feedAccessChanged: true };
};
