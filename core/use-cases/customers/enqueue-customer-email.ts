import type { DbOrTx } from '../../db/client.js';
import {
  parcelContents,
  shipmentForEmail,
  type DelayReason,
  type ShipmentForEmail,
} from '../../db/customer-email-queries.js';
import { createEmailOutboxRepo, type OutboxRow } from '../../db/email-outbox-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import { trackingPageUrl } from '../../domain/customers/links.js';
import { effectiveSender } from '../../domain/customers/sender.js';
import { NotFoundError } from '../../errors.js';
import type { ShipmentEmailData } from '../../integrations/email/email-data.js';
import { pickEmailLanguage, type ShipmentEmailKind } from '../../integrations/email/kinds.js';

export interface EnqueueCustomerEmailDeps {
  /** a transaction, when the e-mail must be decided with the change that causes it */
  db: DbOrTx;
  /** the app's public origin, for the tracking page link */
  appUrl: string | undefined;
  /** an SMTP server is configured */
  appCanSend: boolean;
}

export interface EnqueueCustomerEmailInput {
  shopId: number;
  shipmentId: number;
  kind: ShipmentEmailKind;
  delayReason?: DelayReason;
  /** the caller just recorded the shipment: no decision about it can exist yet */
  freshShipment?: boolean;
  /** the order's tracking page token, when the caller already ensured the page */
  pageToken?: string;
}

export type EnqueueCustomerEmailResult =
  | { outcome: 'marketplace' }
  /** `row.status` says what happens: pending (the app sends), delegated (Shopify does), skipped (nobody can) */
  | { outcome: 'decided'; row: OutboxRow; created: boolean };

/**
 * Decides, once per (shipment, kind), what the customer gets, and writes it to the outbox. The
 * first decision for a shipment fixes its sender: a later change of the setting never makes
 * a shipment's e-mails come from both senders, or from neither. Returns the existing row when
 * the decision was already made, so shipment calls, jobs and webhooks may all call it.
 * The caller queues an `email` job for a pending row once its transaction commits.
 */
export async function enqueueCustomerEmail(
  deps: EnqueueCustomerEmailDeps,
  input: EnqueueCustomerEmailInput,
): Promise<EnqueueCustomerEmailResult> {
  const row = await shipmentForEmail(deps.db, input.shopId, input.shipmentId);
  if (!row) throw new NotFoundError(`shipment ${input.shipmentId}`);
  const { shipment, allocation, order, shop } = row;
  const outbox = createEmailOutboxRepo(deps.db);
  const subjectKey = `shipment:${shipment.id}`;
  const existing = input.freshShipment ? undefined : await outbox.bySubject(input.shopId, subjectKey, input.kind);
  if (existing) return { outcome: 'decided', row: existing, created: false };

  const chosen = effectiveSender({
    channel: order.channel,
    choice: shop.settings.notifyCustomerFrom,
    appCanSend: deps.appCanSend,
  });
  if (chosen === 'marketplace') return { outcome: 'marketplace' };
  // the shipping confirmation fixed who speaks to this customer; later kinds follow it
  const first = input.kind === 'shipped' ? undefined : await outbox.bySubject(input.shopId, subjectKey, 'shipped');
  const sender = first?.sender ?? chosen;
  const locale = pickEmailLanguage(order.customerLocale, shop.settings.language ?? shop.locale);
  const token = input.pageToken ?? (await createTrackingPagesRepo(deps.db).ensure(input.shopId, order.id)).token;
  const data = await shipmentEmailData(deps.db, {
    shipment,
    allocation,
    order,
    pageUrl: trackingPageUrl(deps.appUrl, token),
    delayReason: input.delayReason,
  });
  const base = {
    shopId: input.shopId,
    orderId: order.id,
    shipmentId: shipment.id,
    subjectKey,
    kind: input.kind,
    sender,
    toAddress: order.email,
    locale,
    data,
  };

  if (sender === 'shopify') {
    // Shopify sends the shipping, out-for-delivery and delivered notices itself; it has no delay notice
    const status = input.kind === 'delayed' ? 'skipped' : 'delegated';
    const res = await outbox.insertOnce({
      ...base,
      status,
      lastError: status === 'skipped' ? 'Shopify notifies this shop’s customers; it sends no delay notice' : null,
    });
    return { outcome: 'decided', ...res };
  }
  if (!order.email) {
    const res = await outbox.insertOnce({
      ...base,
      status: 'skipped',
      lastError: 'the order has no customer e-mail address',
    });
    return { outcome: 'decided', ...res };
  }
  const res = await outbox.insertOnce({ ...base, status: 'pending' });
  return { outcome: 'decided', ...res };
}

async function shipmentEmailData(
  db: DbOrTx,
  s: Omit<ShipmentForEmail, 'shop'> & { pageUrl: string; delayReason?: DelayReason },
): Promise<ShipmentEmailData> {
  const { items, orderedUnits } = await parcelContents(db, s.shipment.shopId, s.shipment.id, s.order.id);
  const shippedUnits = items.reduce((n, i) => n + i.quantity, 0);
  const shippingName = s.order.shippingAddress?.name?.split(' ')[0] ?? null;
  return {
    orderName: s.order.name,
    customerName: shippingName,
    items: items.map((i) => ({ title: i.title, quantity: i.quantity })),
    carrier: s.shipment.carrier,
    trackingNumbers: s.shipment.trackingNumbers,
    carrierUrl: s.shipment.trackingUrls[0] ?? null,
    trackingPageUrl: s.pageUrl,
    shippedAt: s.shipment.shippedAt.toISOString(),
    promisedDeliveryBy: s.allocation.promisedDeliveryBy?.toISOString() ?? null,
    partial: shippedUnits < orderedUnits,
    ...(s.delayReason ? { delayReason: s.delayReason } : {}),
  };
}
