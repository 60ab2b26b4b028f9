import type { Db } from '../../db/client.js';
import { createCustomerViewQueries } from '../../db/customer-view-queries.js';
import { createEmailOutboxRepo, type EmailStatus } from '../../db/email-outbox-repo.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import { returnSlipUrl, trackingPageUrl } from '../../domain/customers/links.js';
import { IntegrationError, NotFoundError } from '../../errors.js';
import type { ReturnEmailData, ShipmentEmailData, StockDigestData } from '../../integrations/email/email-data.js';
import {
  customerEmailKinds,
  emailKinds,
  isEmailKind,
  returnEmailKinds,
  type EmailLanguage,
} from '../../integrations/email/kinds.js';
import { renderEmail, type EmailDataByKind } from '../../integrations/email/templates/index.js';
import type { CustomerEmailDeps } from './customer-email-deps.js';
import { queueEmailJobs } from './queue-email-jobs.js';
import { brandOf } from './send-outbox-email.js';

/** The merchant asks for parked messages to be tried again: back to pending, attempts reset, queued. */
export async function retryParkedEmails(
  deps: { db: Db; customers: CustomerEmailDeps },
  input: { shopId: number; ids: number[] | 'all' },
) {
  const ids = await createEmailOutboxRepo(deps.db).retryParked(input.shopId, input.ids, new Date());
  if (input.ids !== 'all' && ids.length === 0) throw new NotFoundError('parked e-mail');
  await queueEmailJobs(
    deps.customers,
    ids.map((id) => ({ id, shopId: input.shopId, status: 'pending' })),
    { jobIdSuffix: `retry-${Date.now()}` },
  );
  return { retried: ids };
}

export function listEmailKinds() {
  return {
    kinds: emailKinds.map((kind) => ({
      kind,
      audience: (customerEmailKinds as readonly string[]).includes(kind)
        ? ('customer' as const)
        : ('merchant' as const),
    })),
  };
}

/**
 * A template rendered with the shop's own branding and its latest shipment (or a sample order
 * when it has none yet), so the merchant sees what customers get.
 */
export async function previewEmail(
  deps: { db: Db; appUrl: string | undefined },
  input: { shopId: number; kind: string; lang?: EmailLanguage },
) {
  if (!isEmailKind(input.kind)) throw new NotFoundError(`e-mail kind ${input.kind}`);
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const lang: EmailLanguage = input.lang ?? (shop.settings.language === 'fr' ? 'fr' : 'en');
  const latest = await createCustomerViewQueries(deps.db).latestShipmentWithOrder(input.shopId);
  const page = latest ? await createTrackingPagesRepo(deps.db).forOrder(input.shopId, latest.order.id) : undefined;
  const now = new Date();
  const shipment: ShipmentEmailData = {
    orderName: latest?.order.name ?? '#1001',
    customerName: latest?.order.shippingAddress?.name?.split(' ')[0] ?? 'Camille',
    items: [{ title: 'Bol en grès', quantity: 2 }],
    carrier: latest?.shipment.carrier ?? 'Colissimo',
    trackingNumbers: latest?.shipment.trackingNumbers ?? ['6A12345678901'],
    carrierUrl:
      latest?.shipment.trackingUrls[0] ?? 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    trackingPageUrl: trackingPageUrl(deps.appUrl, page?.token ?? 'preview'),
    shippedAt: (latest?.shipment.shippedAt ?? now).toISOString(),
    promisedDeliveryBy: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
    partial: false,
    delayReason: 'no_scan',
  };
  const digest: StockDigestData = {
    date: now.toISOString().slice(0, 10),
    openAlerts: 2,
    adminUrl: `${deps.appUrl ?? ''}/alerts`,
    items: [
      { sku: 'BOL-BLEU', title: 'Bol bleu', severity: 'critical', onHand: 3, reorderPoint: 12, daysOfCover: 1.5 },
      { sku: 'TASSE-ROSE', title: 'Tasse rose', severity: 'warning', onHand: 9, reorderPoint: 10, daysOfCover: 6 },
    ],
  };
  const ret: ReturnEmailData = {
    orderName: shipment.orderName,
    customerName: shipment.customerName,
    rma: 'RMA-000042-U',
    items: [{ title: 'Bol en grès', quantity: 1 }],
    trackingPageUrl: shipment.trackingPageUrl,
    slipUrl: returnSlipUrl(deps.appUrl, page?.token ?? 'preview', 'RMA-000042-U'),
    returnAddress: ['Entrepôt Lyon', '2 rue des Docks', '69007 Lyon', 'FR'],
    labelUrl: null,
    declineReason: 'window_ended',
    declineNote:
      lang === 'fr' ? 'Le délai de 30 jours est passé depuis la livraison.' : 'The 30-day window ended after delivery.',
    refundAmount: '18.00',
    currency: shop.currency,
  };
  const isReturn = (returnEmailKinds as readonly string[]).includes(input.kind);
  const data = (
    input.kind === 'stock_digest' ? digest : isReturn ? ret : shipment
  ) as EmailDataByKind[typeof input.kind];
  const rendered = await renderEmail(input.kind, data, brandOf(shop), lang);
  return { kind: input.kind, lang, ...rendered };
}

interface SinkMessage {
  id: number;
  receivedAt: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
}

/**
 * The demo's mailbox: what the SMTP sink received, limited to this shop's own messages (matched
 * by the Message-ID each outbox row records). Only when a mailbox reader is configured.
 */
export async function readDemoMailbox(deps: { db: Db; mailboxUrl: string | undefined }, input: { shopId: number }) {
  if (!deps.mailboxUrl) throw new NotFoundError('mailbox');
  const res = await fetch(`${deps.mailboxUrl.replace(/\/+$/, '')}/messages`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new IntegrationError(`mailbox answered ${res.status}`, 'mailbox');
  const body = (await res.json()) as { messages: SinkMessage[] };
  const ours = await createEmailOutboxRepo(deps.db).messageIds(input.shopId);
  return {
    messages: body.messages
      .filter((m) => m.messageId && ours.has(m.messageId))
      .reverse()
      .map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt,
        messageId: m.messageId,
        from: m.from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        kind: ours.get(m.messageId!)!.kind,
        orderId: ours.get(m.messageId!)!.orderId,
      })),
  };
}

/** The shop's outbox, newest first, with counts per status. */
export async function listEmails(deps: { db: Db }, input: { shopId: number; statuses?: EmailStatus[]; limit: number }) {
  const repo = createEmailOutboxRepo(deps.db);
  const [rows, counts] = await Promise.all([
    repo.list(input.shopId, { statuses: input.statuses, limit: input.limit }),
    repo.countByStatus(input.shopId),
  ]);
  return {
    items: rows.map((e) => ({
      id: e.id,
      orderId: e.orderId,
      shipmentId: e.shipmentId,
      kind: e.kind,
      sender: e.sender,
      status: e.status,
      toAddress: e.toAddress,
      locale: e.locale,
      subject: e.subject,
      attempts: e.attempts,
      lastError: e.lastError,
      messageId: e.messageId,
      sentAt: e.sentAt,
      createdAt: e.createdAt,
    })),
    counts,
  };
}
