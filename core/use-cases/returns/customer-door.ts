import type { Db } from '../../db/client.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { returnableLines } from './returnable.js';
import { requestReturn, type RequestReturnResult } from './request-return.js';
import { returnSlipHtml } from './return-slip.js';

export interface CustomerReturnView {
  orderName: string;
  lines: {
    orderLineId: number;
    title: string;
    sku: string | null;
    returnable: number;
    /** other variants of the same product the customer may take instead of money (Shopify orders only) */
    exchangeOptions: { id: number; sku: string; title: string }[];
  }[];
  returns: { rma: string; state: string }[];
}

/**
 * What the customer behind a tracking-page token may return: null when the token is unknown or
 * the shop does not take returns from its customers (the page then shows no return link).
 */
export async function customerReturnView(
  deps: { db: Db },
  token: string,
  now: Date,
): Promise<CustomerReturnView | null> {
  const page = await createTrackingPagesRepo(deps.db).byToken(token, now);
  if (!page) return null;
  const policy = await createReturnsRepo(deps.db).policy(page.shopId);
  if (!policy.customerRequests) return null;
  const orders = createOrdersRepo(deps.db);
  const order = await orders.get(page.shopId, page.orderId);
  if (!order) return null;
  const avail = await returnableLines(deps.db, order, await orders.lines(page.shopId, order.id));
  const existing = await createReturnsRepo(deps.db).forOrder(page.shopId, order.id);
  const catalog = createCatalogRepo(deps.db);
  const lines = avail.lines.filter((l) => l.returnable > 0);
  const options = await Promise.all(
    lines.map((l) =>
      order.channel === 'shopify' && l.line.sku ? catalog.siblingVariants(page.shopId, l.line.sku) : [],
    ),
  );
  return {
    orderName: order.name,
    lines: lines.map((l, i) => ({
      orderLineId: l.line.id,
      title: l.line.title,
      sku: l.line.sku,
      returnable: l.returnable,
      exchangeOptions: options[i]!,
    })),
    returns: existing.filter((r) => r.rma).map((r) => ({ rma: r.rma!, state: r.state })),
  };
}

/** The customer's request from the tracking page: the token names the order, the shop's rules decide. */
export async function requestCustomerReturn(
  deps: { db: Db; queues: Queues; log: Logger; customers: CustomerEmailDeps },
  input: {
    token: string;
    /** `exchangeSku`: the customer takes this variant instead of money for every unit of the line */
    lines: { orderLineId: number; quantity: number; exchangeSku?: string | null }[];
    reason: string;
    note: string | null;
    now: Date;
  },
): Promise<RequestReturnResult | null> {
  const page = await createTrackingPagesRepo(deps.db).byToken(input.token, input.now);
  if (!page) return null;
  return requestReturn(deps, {
    shopId: page.shopId,
    orderId: page.orderId,
    source: 'customer',
    actor: 'customer',
    lines: input.lines.map((l) => ({
      orderLineId: l.orderLineId,
      quantity: l.quantity,
      reason: input.reason,
      note: input.note,
      exchange: l.exchangeSku ? { sku: l.exchangeSku, quantity: l.quantity } : null,
    })),
    now: input.now,
  });
}

/**
 * The printable slip of one of the order's returns, for the customer the approval e-mail links
 * here: null unless the token is live and the return belongs to its order and was approved.
 */
export async function customerReturnSlip(
  deps: { db: Db },
  input: { token: string; rma: string; lang: 'en' | 'fr'; now: Date },
): Promise<string | null> {
  const page = await createTrackingPagesRepo(deps.db).byToken(input.token, input.now);
  if (!page) return null;
  const r = await createReturnsRepo(deps.db).byRma(page.shopId, input.rma);
  if (!r || r.orderId !== page.orderId || r.state === 'requested' || r.state === 'declined') return null;
  return returnSlipHtml(deps, page.shopId, r.id, input.lang);
}
