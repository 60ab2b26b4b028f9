import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo, type ReturnWithLines } from '../../db/returns-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import {
  chooseReturnWarehouse,
  decideRequest,
  gradeEffects,
  reasonFromShopify,
  rmaNumber,
  type Grade,
} from '../../domain/returns/index.js';
import { RetriableIntegrationError } from '../../errors.js';
import { assertNoUserErrors, ShopifyUserError } from '../../integrations/shopify/graphql.js';
import {
  ORDER_RETURNS,
  RETURNABLE_LINES,
  RETURN_CREATE,
  RETURN_PROCESS,
  RETURN_REQUEST,
  RFO_DISPOSE,
  type OrderReturnsResult,
  type ReturnableLinesResult,
  type ReturnCreateResult,
  type ReturnProcessResult,
  type ReturnRequestResult,
  type RfoDisposeResult,
  type ShopifyReturn,
} from '../../integrations/shopify/operations/returns.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import { decideReturnEmail } from './enqueue-return-email.js';
import { recordReturnStep } from './timeline.js';
import type { SyncReturnDeps } from './sync-return.js';

/** The steps of a return's Shopify sync, each reading Shopify's state before it writes (see syncReturn). */
export type Gql = <T>(q: string, v: Record<string, unknown>) => Promise<T>;

/** Creates the Shopify return (a request, or an open return once approved), or adopts the one a lost answer left behind. */
export async function createInShopify(deps: SyncReturnDeps, gql: Gql, r: ReturnWithLines): Promise<ShopifyReturn> {
  const repo = createReturnsRepo(deps.db);
  const existing = (await gql<OrderReturnsResult>(ORDER_RETURNS, { id: r.orderExternalId })).order;
  const known = new Set((await repo.forOrder(r.shopId, r.orderId ?? -1)).map((x) => x.externalId).filter(Boolean));
  const sameLines = (s: ShopifyReturn) =>
    s.returnLineItems.nodes.length === r.lines.length &&
    r.lines.every((l) =>
      s.returnLineItems.nodes.some(
        (n) => n.fulfillmentLineItem.lineItem.id === l.lineItemExternalId && n.quantity === l.quantity,
      ),
    );
  const adopt = existing?.returns.nodes.find(
    (s) => !known.has(s.id) && s.status !== 'DECLINED' && s.status !== 'CANCELED' && sameLines(s),
  );
  if (adopt) return adopt;

  const returnable = (
    await gql<ReturnableLinesResult>(RETURNABLE_LINES, { orderId: r.orderExternalId })
  ).returnableFulfillments.nodes.flatMap((n) => n.returnableFulfillmentLineItems.nodes);
  const lines = r.lines.map((l) => {
    const fl = returnable.find(
      (x) => x.fulfillmentLineItem.lineItem.id === l.lineItemExternalId && x.quantity >= l.quantity,
    );
    if (!fl)
      throw new ShopifyUserError('returnableFulfillments', [
        { message: `line ${l.sku ?? l.id} has no returnable fulfillment in Shopify`, code: 'NOT_RETURNABLE' },
      ]);
    return { line: l, fulfillmentLineItemId: fl.fulfillmentLineItem.id };
  });
  const note = (l: ReturnWithLines['lines'][number]) =>
    [l.reason, l.customerNote].filter(Boolean).join(': ').slice(0, 255);
  let created: ShopifyReturn;
  if (r.state === 'requested') {
    const res = await gql<ReturnRequestResult>(RETURN_REQUEST, {
      input: {
        orderId: r.orderExternalId,
        returnLineItems: lines.map((x) => ({
          fulfillmentLineItemId: x.fulfillmentLineItemId,
          quantity: x.line.quantity,
          customerNote: note(x.line) || undefined,
        })),
      },
    });
    created = assertNoUserErrors('returnRequest', res.returnRequest).return!;
  } else {
    const res = await gql<ReturnCreateResult>(RETURN_CREATE, {
      input: {
        orderId: r.orderExternalId,
        requestedAt: r.requestedAt.toISOString(),
        returnLineItems: lines.map((x) => ({
          fulfillmentLineItemId: x.fulfillmentLineItemId,
          quantity: x.line.quantity,
          returnReasonNote: note(x.line) || undefined,
        })),
        exchangeLineItems: exchangeLines(r).map((l) => ({
          variantId: l.exchangeVariantExternalId,
          quantity: l.exchangeQuantity,
        })),
      },
    });
    created = assertNoUserErrors('returnCreate', res.returnCreate).return!;
  }
  await recordReturnStep(deps.db, r, 'return_sent_to_shopify', 'shopify', {
    shopifyReturn: created.id,
    name: created.name,
    status: created.status,
  });
  return created;
}

/** Lines that ask for an exchange Shopify can carry (a variant it knows). */
export const exchangeLines = (r: ReturnWithLines) =>
  r.lines.filter(
    (l): l is typeof l & { exchangeVariantExternalId: string } =>
      l.exchangeQuantity > 0 && !!l.exchangeVariantExternalId,
  );

/** Keeps Shopify's ids on our return and lines (a webhook may have linked the return already). */
export async function storeRemoteIds(deps: SyncReturnDeps, r: ReturnWithLines, remote: ShopifyReturn): Promise<void> {
  const repo = createReturnsRepo(deps.db);
  if (r.externalId !== remote.id || r.status !== remote.status)
    await repo.update(r.shopId, r.id, { externalId: remote.id, status: remote.status, name: remote.name ?? r.name });
  const rfoLines = remote.reverseFulfillmentOrders.nodes.flatMap((x) => x.lineItems.nodes);
  // Shopify keeps exchange lines on the return, not on a returned line: ours pair with them in order, by variant
  const free = [...(remote.exchangeLineItems?.nodes ?? [])];
  for (const l of exchangeLines(r)) {
    const i = free.findIndex((x) => x.id === l.exchangeExternalId);
    const at = i >= 0 ? i : free.findIndex((x) => x.variantId === l.exchangeVariantExternalId);
    if (at < 0) continue;
    const [n] = free.splice(at, 1);
    if (n && l.exchangeExternalId !== n.id) await repo.updateLine(r.shopId, l.id, { exchangeExternalId: n.id });
  }
  for (const l of r.lines) {
    const n = remote.returnLineItems.nodes.find((x) => x.fulfillmentLineItem.lineItem.id === l.lineItemExternalId);
    if (!n) continue;
    const rfoLine = rfoLines.find((x) => x.fulfillmentLineItem.id === n.fulfillmentLineItem.id);
    if (
      l.externalId !== n.id ||
      l.fulfillmentLineExternalId !== n.fulfillmentLineItem.id ||
      (rfoLine && l.rfoLineExternalId !== rfoLine.id)
    ) {
      await repo.updateLine(r.shopId, l.id, {
        externalId: n.id,
        fulfillmentLineExternalId: n.fulfillmentLineItem.id,
        rfoLineExternalId: rfoLine?.id ?? l.rfoLineExternalId,
      });
    }
  }
}

export async function disposeGraded(
  deps: SyncReturnDeps,
  gql: Gql,
  r: ReturnWithLines,
  rfo: ShopifyReturn['reverseFulfillmentOrders']['nodes'][number],
): Promise<number> {
  const repo = createReturnsRepo(deps.db);
  const wh = r.warehouseId ? await createWarehousesRepo(deps.db).get(r.shopId, r.warehouseId) : undefined;
  const inputs: {
    reverseFulfillmentOrderLineItemId: string;
    quantity: number;
    dispositionType: string;
    locationId?: string;
  }[] = [];
  const counts: { lineId: number; n: number }[] = [];
  const loc = wh?.locationExternalId ?? undefined;
  for (const l of r.lines) {
    const remoteLine = rfo.lineItems.nodes.find((x) => x.id === l.rfoLineExternalId);
    if (!remoteLine) continue;
    // Shopify's counts per disposition are the truth: a lost answer, or a second receipt of the
    // line, disposes only what Shopify has not recorded yet, each unit with its grade's disposition
    const have = new Map<string, number>();
    for (const d of remoteLine.dispositions) have.set(d.type, (have.get(d.type) ?? 0) + d.quantity);
    const already = [...have.values()].reduce((s, q) => s + q, 0);
    const wanted = new Map<string, number>();
    for (const g of l.grades) {
      if (g.quantity <= 0) continue;
      const type = gradeEffects[g.grade as Grade].shopifyDisposition;
      // restocking needs a location; without one the units are recorded as not restocked in Shopify
      const t = type === 'RESTOCKED' && !loc ? 'NOT_RESTOCKED' : type;
      wanted.set(t, (wanted.get(t) ?? 0) + g.quantity);
    }
    let room = remoteLine.totalQuantity - already;
    let n = 0;
    for (const [type, q] of wanted) {
      const d = Math.min(q - (have.get(type) ?? 0), room);
      if (d <= 0) continue;
      inputs.push({
        reverseFulfillmentOrderLineItemId: remoteLine.id,
        quantity: d,
        dispositionType: type,
        ...(loc ? { locationId: loc } : {}),
      });
      room -= d;
      n += d;
    }
    if (n === 0) {
      if (l.disposedQuantity !== already) await repo.updateLine(r.shopId, l.id, { disposedQuantity: already });
      continue;
    }
    counts.push({ lineId: l.id, n: already + n });
  }
  if (inputs.length === 0) return 0;
  assertNoUserErrors(
    'reverseFulfillmentOrderDispose',
    (await gql<RfoDisposeResult>(RFO_DISPOSE, { inputs })).reverseFulfillmentOrderDispose,
  );
  for (const c of counts) await repo.updateLine(r.shopId, c.lineId, { disposedQuantity: c.n });
  await recordReturnStep(deps.db, r, 'return_disposed_in_shopify', 'shopify', {
    dispositions: inputs.map((i) => ({ type: i.dispositionType, quantity: i.quantity })),
  });
  return inputs.reduce((s, i) => s + i.quantity, 0);
}

export async function processRefund(
  deps: SyncReturnDeps,
  gql: Gql,
  r: ReturnWithLines,
  remoteId: string,
  now: Date,
  notifyCustomer: boolean,
): Promise<void> {
  const state = (await gql<OrderReturnsResult>(ORDER_RETURNS, { id: r.orderExternalId })).order;
  const remote = state?.returns.nodes.find((x) => x.id === remoteId);
  if (!state || !remote)
    throw new RetriableIntegrationError(`return ${remoteId} not visible on its order yet`, 'shopify');
  const amount = Number(r.refundAmount ?? '0');
  const alreadyRefunded =
    remote.returnLineItems.nodes.some((n) => n.refundedQuantity > 0) ||
    (amount === 0 && remote.returnLineItems.nodes.every((n) => n.processedQuantity >= n.quantity));
  if (!alreadyRefunded) {
    const lines = remote.returnLineItems.nodes
      .filter((n) => n.quantity - n.processedQuantity > 0)
      .map((n) => ({ id: n.id, quantity: n.quantity - n.processedQuantity }));
    const sale = state.transactions.find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS');
    const financialTransfer =
      amount > 0 && sale
        ? {
            issueRefund: {
              orderTransactions: [
                {
                  parentId: sale.id,
                  transactionAmount: { amount: amount.toFixed(2), currencyCode: sale.amountSet.shopMoney.currencyCode },
                },
              ],
            },
          }
        : undefined;
    if (amount > 0 && !sale)
      throw new ShopifyUserError('returnProcess', [
        { message: 'the order has no captured payment to refund', code: 'NO_TRANSACTION' },
      ]);
    assertNoUserErrors(
      'returnProcess',
      (
        await gql<ReturnProcessResult>(RETURN_PROCESS, {
          input: { returnId: remoteId, returnLineItems: lines, financialTransfer, notifyCustomer },
        })
      ).returnProcess,
    );
  }
  const emails = await deps.db.transaction(async (tx) => {
    const repo = createReturnsRepo(tx);
    const step = {
      amount: amount.toFixed(2),
      currency: state.transactions[0]?.amountSet.shopMoney.currencyCode ?? null,
    };
    if (r.state === 'received') {
      // refunded on receipt, before the warehouse has graded every unit: the grading then closes the refund
      const locked = await repo.lock(r.shopId, r.id);
      if (!locked || locked.refundedAt) return [];
      await repo.update(r.shopId, r.id, { refundedAt: now });
      await recordReturnStep(tx, r, 'refunded_before_grading', 'shopify', step);
    } else {
      const moved = await repo.move(r.shopId, r.id, ['graded'], 'refunded', { refundedAt: now });
      if (!moved) return [];
      await recordReturnStep(tx, r, 'return_refunded', 'shopify', step);
    }
    // an exchange for every unit sends no money back: nothing to tell as a refund
    return amount > 0 ? decideReturnEmail(deps.customers, tx, r.shopId, r.id, 'return_refunded') : [];
  });
  await queueEmailJobs(deps.customers, emails);
}

/** A return that started in Shopify: lines read from Shopify, an RMA, a warehouse, and the rules' verdict. */
export async function adoptShopifyReturn(
  deps: SyncReturnDeps,
  r: ReturnWithLines,
  remote: ShopifyReturn,
  now: Date,
): Promise<void> {
  const emails: OutboxRow[] = [];
  await deps.db.transaction(async (tx) => {
    const repo = createReturnsRepo(tx);
    const locked = await repo.lock(r.shopId, r.id);
    if (!locked || locked.rma) return;
    const order = r.orderExternalId
      ? await createOrdersRepo(tx).byExternalId(r.shopId, 'shopify', r.orderExternalId)
      : undefined;
    const orderLines = order ? await createOrdersRepo(tx).lines(r.shopId, order.id) : [];
    const policy = await repo.policy(r.shopId);
    const rma = locked.rma ?? rmaNumber(await repo.nextRmaSequence(r.shopId));
    const wh = (await createWarehousesRepo(tx).list(r.shopId)).filter(
      (w) => w.active && (policy.returnWarehouseIds.length === 0 || policy.returnWarehouseIds.includes(w.id)),
    );
    const chosen = order
      ? chooseReturnWarehouse(
          wh.map((w) => ({
            id: w.id,
            name: w.name,
            active: w.active,
            latitude: w.latitude,
            longitude: w.longitude,
            countryCode: w.address?.countryCode ?? null,
          })),
          [],
          { latitude: order.latitude, longitude: order.longitude, countryCode: order.countryCode },
        )
      : null;
    await repo.update(r.shopId, r.id, {
      rma,
      orderId: order?.id ?? null,
      warehouseId: chosen?.warehouseId ?? null,
      cost: String(policy.costPerReturn),
    });
    for (const n of remote.returnLineItems.nodes) {
      const ol = orderLines.find((x) => x.externalId === n.fulfillmentLineItem.lineItem.id);
      await repo.insertLineIfNew(r.shopId, r.id, {
        externalId: n.id,
        lineItemExternalId: n.fulfillmentLineItem.lineItem.id,
        fulfillmentLineExternalId: n.fulfillmentLineItem.id,
        orderLineId: ol?.id ?? null,
        sku: n.fulfillmentLineItem.lineItem.sku ?? ol?.sku ?? null,
        title: ol?.title ?? '',
        quantity: n.quantity,
        unitPrice: ol?.unitPrice ?? '0',
        reason: reasonFromShopify(n.returnReasonNote?.split(':')[0] ?? null),
        customerNote: n.customerNote,
      });
    }
    const withRma = { ...r, rma, orderId: order?.id ?? null };
    await recordReturnStep(tx, withRma, 'return_requested', 'shopify', {
      source: 'shopify',
      shopifyReturn: remote.id,
      warehouseId: chosen?.warehouseId ?? null,
    });
    if (r.state === 'requested')
      emails.push(...(await decideReturnEmail(deps.customers, tx, r.shopId, r.id, 'return_requested')));
    // opened in Shopify already approved: the customer still needs our RMA slip and the warehouse's address
    if (r.state === 'approved')
      emails.push(...(await decideReturnEmail(deps.customers, tx, r.shopId, r.id, 'return_approved')));
    if (r.state === 'requested') {
      const d = decideRequest(policy, {
        source: 'shopify',
        lines: remote.returnLineItems.nodes.map((n) => ({
          sku: n.fulfillmentLineItem.lineItem.sku,
          tags: [],
          quantity: n.quantity,
          returnable: n.quantity,
        })),
        orderTags: order?.tags ?? [],
        shippedAt: order?.sourceUpdatedAt ?? null,
        deliveredAt: null,
        now,
      });
      await repo.update(r.shopId, r.id, { decision: d.kind === 'reject' ? d.reason : d.why });
      if (d.kind === 'approve' && (await repo.move(r.shopId, r.id, ['requested'], 'approved', { approvedAt: now }))) {
        await recordReturnStep(tx, withRma, 'return_approved', 'rules', { why: d.why });
        emails.push(...(await decideReturnEmail(deps.customers, tx, r.shopId, r.id, 'return_approved')));
      }
    }
  });
  await queueEmailJobs(deps.customers, emails);
}
