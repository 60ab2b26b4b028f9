import type { DbOrTx } from '../../db/client.js';
import { createEmailOutboxRepo, type OutboxRow } from '../../db/email-outbox-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo, type ReturnWithLines } from '../../db/returns-repo.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { returnSlipUrl, trackingPageUrl } from '../../domain/customers/links.js';
import { effectiveSender } from '../../domain/customers/sender.js';
import type { ReturnEmailData } from '../../integrations/email/email-data.js';
import { pickEmailLanguage, type ReturnEmailKind } from '../../integrations/email/kinds.js';

export interface ReturnEmailDeps {
  /** the transaction of the transition that causes the e-mail */
  db: DbOrTx;
  appUrl: string | undefined;
  appCanSend: boolean;
}

export type EnqueueReturnEmailResult =
  { outcome: 'marketplace' | 'no_order' } | { outcome: 'decided'; row: OutboxRow; created: boolean };

/** Shopify tells the customer itself when asked to (notifyCustomer) on these steps; it has no notice for a request it did not take. */
const shopifyNotifies: ReadonlySet<ReturnEmailKind> = new Set([
  'return_approved',
  'return_declined',
  'return_refunded',
]);

/** The outbox subject of a return's e-mails. */
export const returnSubjectKey = (returnId: number) => `return:${returnId}`;

/**
 * Decides, once per (return, kind), what the customer hears of a return's step, in the
 * transaction of that step. Marketplace orders get nothing (the marketplace speaks to its
 * buyers). The first decision about a return fixes its sender, as for shipments; with Shopify
 * as sender the row is `delegated` and the Shopify sync asks Shopify to notify. The caller queues
 * an `email` job for a pending row once the transaction commits.
 */
export async function enqueueReturnEmail(
  deps: ReturnEmailDeps,
  input: { shopId: number; returnId: number; kind: ReturnEmailKind },
): Promise<EnqueueReturnEmailResult> {
  const outbox = createEmailOutboxRepo(deps.db);
  const subjectKey = returnSubjectKey(input.returnId);
  const existing = await outbox.bySubject(input.shopId, subjectKey, input.kind);
  if (existing) return { outcome: 'decided', row: existing, created: false };
  const r = await createReturnsRepo(deps.db).get(input.shopId, input.returnId);
  const order = r?.orderId ? await createOrdersRepo(deps.db).get(input.shopId, r.orderId) : undefined;
  if (!r || !r.rma || !order) return { outcome: 'no_order' };
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const chosen = effectiveSender({
    channel: order.channel,
    choice: shop.settings.notifyCustomerFrom,
    appCanSend: deps.appCanSend,
  });
  if (chosen === 'marketplace') return { outcome: 'marketplace' };
  const sender = (await outbox.firstForSubject(input.shopId, subjectKey))?.sender ?? chosen;
  const locale = pickEmailLanguage(order.customerLocale, shop.settings.language ?? shop.locale);
  const page = await createTrackingPagesRepo(deps.db).ensure(input.shopId, order.id);
  const data = await returnEmailData(deps, r, {
    orderName: order.name,
    customerName: order.shippingAddress?.name?.split(' ')[0] ?? null,
    token: page.token,
    currency: shop.currency,
  });
  const base = {
    shopId: input.shopId,
    orderId: order.id,
    shipmentId: null,
    subjectKey,
    kind: input.kind,
    sender,
    toAddress: order.email,
    locale,
    data,
  };

  if (sender === 'shopify') {
    const notifies = shopifyNotifies.has(input.kind);
    const res = await outbox.insertOnce({
      ...base,
      status: notifies ? 'delegated' : 'skipped',
      lastError: notifies
        ? null
        : 'Shopify notifies this shop’s customers; it sends no notice for a return request the app records',
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

async function returnEmailData(
  deps: ReturnEmailDeps,
  r: ReturnWithLines,
  o: { orderName: string; customerName: string | null; token: string; currency: string },
): Promise<ReturnEmailData> {
  const wh = r.warehouseId ? await createWarehousesRepo(deps.db).get(r.shopId, r.warehouseId) : undefined;
  const a = wh?.address;
  const returnAddress = wh
    ? [wh.name, a?.address1, [a?.zip, a?.city].filter(Boolean).join(' '), a?.countryCode].filter(
        (x): x is string => !!x,
      )
    : null;
  const declineReason =
    r.declineReason === 'final_sale' || r.declineReason === 'window_ended'
      ? r.declineReason
      : r.declineReason
        ? 'other'
        : null;
  return {
    orderName: o.orderName,
    customerName: o.customerName,
    rma: r.rma!,
    items: r.lines.map((l) => ({ title: l.title || l.sku || '', quantity: l.quantity })),
    trackingPageUrl: trackingPageUrl(deps.appUrl, o.token),
    slipUrl: returnSlipUrl(deps.appUrl, o.token, r.rma!),
    returnAddress,
    labelUrl: r.labelUrl,
    declineReason,
    declineNote: r.declineNote,
    refundAmount: r.refundAmount,
    currency: r.refundAmount ? o.currency : null,
    refundStage: ['graded', 'refunded', 'closed'].includes(r.state)
      ? 'graded'
      : r.state === 'received'
        ? 'received'
        : 'before_receipt',
  };
}

/** `enqueueReturnEmail` for a transition's transaction: the rows it created, for the caller to queue after the commit. */
export async function decideReturnEmail(
  email: Omit<ReturnEmailDeps, 'db'>,
  tx: DbOrTx,
  shopId: number,
  returnId: number,
  kind: ReturnEmailKind,
): Promise<OutboxRow[]> {
  const d = await enqueueReturnEmail(
    { db: tx, appUrl: email.appUrl, appCanSend: email.appCanSend },
    { shopId, returnId, kind },
  );
  return d.outcome === 'decided' && d.created ? [d.row] : [];
}

/** Shopify speaks to this return's customer: the sync then asks it to notify on approval, decline and refund. */
export async function shopifyNotifiesReturn(db: DbOrTx, shopId: number, returnId: number): Promise<boolean> {
  return (await createEmailOutboxRepo(db).firstForSubject(shopId, returnSubjectKey(returnId)))?.sender === 'shopify';
}
