import type { Db } from '../../db/client.js';
import { delaysOfOrder } from '../../db/delays-queries.js';
import { createEmailOutboxRepo } from '../../db/email-outbox-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import { trackingPageUrl } from '../../domain/customers/links.js';

/** What the customer sees of an order, for the merchant's order page: the tracking page, delays, e-mails. */
export async function orderCustomerView(
  deps: { db: Db; appUrl: string | undefined },
  input: { shopId: number; orderId: number },
) {
  const [page, delays, emails] = await Promise.all([
    createTrackingPagesRepo(deps.db).forOrder(input.shopId, input.orderId),
    delaysOfOrder(deps.db, input.shopId, input.orderId),
    createEmailOutboxRepo(deps.db).list(input.shopId, { orderId: input.orderId, limit: 50 }),
  ]);
  return {
    trackingPageUrl: page ? trackingPageUrl(deps.appUrl, page.token) : null,
    delays: delays.map((d) => ({
      id: d.id,
      shipmentId: d.shipmentId,
      reason: d.reason,
      detectedAt: d.detectedAt,
      resolvedAt: d.resolvedAt,
    })),
    emails: emails.map((e) => ({
      id: e.id,
      kind: e.kind,
      sender: e.sender,
      status: e.status,
      toAddress: e.toAddress,
      locale: e.locale,
      attempts: e.attempts,
      lastError: e.lastError,
      sentAt: e.sentAt,
      shipmentId: e.shipmentId,
    })),
  };
}
