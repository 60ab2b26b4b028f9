import { and, eq, gt, sql } from 'drizzle-orm';
import { sessions } from '../../../drizzle/schema/index.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import type { TopicHandler } from './types.js';

/**
 * app/uninstalled: disable the shop and drop its tokens; the data stays until shop/redact.
 * A delivery can arrive after the merchant installed again: an install (or a token) newer
 * than the event wins, and the event changes nothing.
 */
export const ingestAppUninstalled: TopicHandler = async (tx, shop, _payload, event) => {
  const at = event.triggeredAt ?? event.receivedAt;
  const [newer] = await tx.select({ n: sql<number>`1` }).from(sessions).where(and(eq(sessions.shopId, shop.id), gt(sessions.updatedAt, at))).limit(1);
  if (shop.installedAt > at || newer) return { outcome: 'stale: installed again after this uninstall was sent' };
  await createShopsRepo(tx).uninstall(shop.id, at);
  return { outcome: 'uninstalled' };
};
