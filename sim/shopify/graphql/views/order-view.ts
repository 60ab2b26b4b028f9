import { gid } from '../../core/ids.js';
import {
  displayFinancialStatus,
  displayFulfillmentStatus,
  fulfillableQuantity,
  foFulfillments,
  isFoActive,
  orderFulfillmentOrders,
  orderReturnStatus,
  orderTotals,
  taxIncluded,
  unfulfilledQuantity,
} from '../../state/order-status.js';
import type { SimCustomer, SimFulfillmentOrder, SimLineItem, SimOrder, SimShippingLine } from '../../state/types.js';
import { connection, count, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { matchSearch, parseSearch, type SearchValue } from '../search-query.js';
import { dt, mailingAddress, moneyBag, u64 } from './common-view.js';
import { fulfillmentOrderView } from './fulfillment-order-view.js';
import { fulfillmentView } from './fulfillment-view.js';
import { productView, variantView } from './inventory-view.js';
import { returnView } from './return-view.js';
import { saleTransactionId } from '../../state/returns-state.js';

const DAY = 86_400_000;

/** Orders this token may see: Shopify hides those older than 60 days without read_all_orders. */
export function visibleOrder(ctx: GqlContext, o: SimOrder): boolean {
  if (!ctx.core.config.enforceOrderAgeLimit || ctx.scopes.has('read_all_orders')) return true;
  return o.createdAt >= ctx.core.clock.now() - 60 * DAY;
}

export function lineItemView(ctx: GqlContext, order: SimOrder, li: SimLineItem): View {
  const tax = (cents: number): View[] =>
    ctx.shop.taxRate > 0
      ? [
          {
            title: 'TVA',
            rate: ctx.shop.taxRate,
            ratePercentage: ctx.shop.taxRate * 100,
            priceSet: moneyBag(ctx, taxIncluded(cents, ctx.shop.taxRate)),
            channelLiable: false,
            source: 'Shopify',
          },
        ]
      : [];
  return {
    __typename: 'LineItem',
    id: gid('LineItem', li.id),
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    title: li.title,
    sku: li.sku,
    variantTitle: li.variantTitle,
    vendor: li.vendor,
    quantity: li.quantity,
    currentQuantity: li.currentQuantity,
    unfulfilledQuantity: () => unfulfilledQuantity(ctx.shop, order, li),
    fulfillableQuantity: () => fulfillableQuantity(ctx.shop, order, li.id),
    nonFulfillableQuantity: () => li.quantity - li.currentQuantity,
    refundableQuantity: li.currentQuantity,
    requiresShipping: li.requiresShipping,
    isGiftCard: false,
    taxable: ctx.shop.taxRate > 0,
    restockable: true,
    merchantEditable: () => unfulfilledQuantity(ctx.shop, order, li) > 0,
    customAttributes: [],
    discountAllocations: [],
    duties: [],
    taxLines: () => tax(li.priceCents * li.currentQuantity),
    weight: { unit: 'GRAMS', value: li.grams },
    originalUnitPriceSet: moneyBag(ctx, li.priceCents),
    discountedUnitPriceSet: moneyBag(ctx, li.priceCents),
    discountedUnitPriceAfterAllDiscountsSet: moneyBag(ctx, li.priceCents),
    originalTotalSet: moneyBag(ctx, li.priceCents * li.quantity),
    discountedTotalSet: () => moneyBag(ctx, li.priceCents * li.currentQuantity),
    totalDiscountSet: moneyBag(ctx, 0),
    unfulfilledOriginalTotalSet: () => moneyBag(ctx, li.priceCents * unfulfilledQuantity(ctx.shop, order, li)),
    unfulfilledDiscountedTotalSet: () => moneyBag(ctx, li.priceCents * unfulfilledQuantity(ctx.shop, order, li)),
    variant: () => {
      const v = li.variantId === null ? undefined : ctx.shop.variants.get(li.variantId);
      return v ? variantView(ctx, v) : null;
    },
    product: () => {
      const p = li.productId === null ? undefined : ctx.shop.products.get(li.productId);
      return p ? productView(ctx, p) : null;
    },
    image: null,
  };
}

function shippingLineView(ctx: GqlContext, s: SimShippingLine): View {
  return {
    id: gid('ShippingLine', s.id),
    title: s.title,
    code: s.code,
    source: s.source,
    carrierIdentifier: s.carrierIdentifier,
    deliveryCategory: s.deliveryCategory,
    custom: false,
    isRemoved: false,
    phone: null,
    shippingRateHandle: null,
    discountAllocations: [],
    taxLines: [],
    originalPriceSet: moneyBag(ctx, s.priceCents),
    discountedPriceSet: moneyBag(ctx, s.priceCents),
    currentDiscountedPriceSet: moneyBag(ctx, s.priceCents),
  };
}

export function customerView(ctx: GqlContext, c: SimCustomer): View {
  const orders = () => [...ctx.shop.orders.values()].filter((o) => o.customerId === c.id && visibleOrder(ctx, o));
  return {
    __typename: 'Customer',
    id: gid('Customer', c.id),
    legacyResourceId: u64(c.id),
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: `${c.firstName} ${c.lastName}`,
    email: c.email,
    phone: c.phone,
    defaultEmailAddress: { emailAddress: c.email, marketingState: 'NOT_SUBSCRIBED' },
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone, marketingState: 'NOT_SUBSCRIBED' } : null,
    locale: ctx.shop.locale,
    note: null,
    tags: c.tags,
    state: 'DISABLED',
    taxExempt: false,
    verifiedEmail: true,
    createdAt: dt(c.createdAt),
    updatedAt: dt(c.updatedAt),
    defaultAddress: mailingAddress(c.defaultAddress, c.defaultAddressId),
    numberOfOrders: () => u64(orders().length),
    orders: (args: ConnectionArgs) =>
      connection(ctx, orders(), args, { id: (o) => o.id, view: (o) => orderView(ctx, o) }),
  };
}

function foHasWork(ctx: GqlContext, fo: SimFulfillmentOrder): boolean {
  if (isFoActive(fo)) return true;
  return foFulfillments(ctx.shop, fo).length > 0;
}

function foSearch(fo: SimFulfillmentOrder, field: string): SearchValue | undefined {
  switch (field) {
    case 'status':
      return { kind: 'text', values: [fo.status] };
    case 'request_status':
      return { kind: 'text', values: [fo.requestStatus] };
    case 'assigned_location_id':
      return { kind: 'number', value: fo.assignedLocationId };
    case 'updated_at':
      return { kind: 'date', ms: fo.updatedAt };
    case 'id':
      return { kind: 'number', value: fo.id };
    default:
      return undefined;
  }
}

export function orderView(ctx: GqlContext, o: SimOrder): View {
  const totals = () => orderTotals(ctx.shop, o, true);
  const original = () => orderTotals(ctx.shop, o, false);
  const paid = o.financialStatus === 'paid';
  const fulfillments = () => o.fulfillmentIds.map((id) => ctx.shop.fulfillments.get(id)).filter((f) => f !== undefined);
  const returns = () => o.returnIds.map((id) => ctx.shop.returns.get(id)).filter((r) => r !== undefined);
  return {
    __typename: 'Order',
    id: gid('Order', o.id),
    legacyResourceId: u64(o.id),
    name: o.name,
    number: o.number,
    createdAt: dt(o.createdAt),
    updatedAt: dt(o.updatedAt),
    processedAt: dt(o.processedAt),
    cancelledAt: dt(o.cancelledAt),
    cancelReason: o.cancelReason ? o.cancelReason.toUpperCase() : null,
    closed: o.closedAt !== null,
    closedAt: dt(o.closedAt),
    confirmed: true,
    confirmationNumber: o.token.slice(0, 9).toUpperCase(),
    test: o.test,
    edited: o.edited,
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    sourceName: o.sourceName,
    sourceIdentifier: null,
    customerLocale: o.customerLocale ?? ctx.shop.locale,
    currencyCode: o.currency,
    presentmentCurrencyCode: o.currency,
    taxesIncluded: ctx.shop.taxRate > 0,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    paymentGatewayNames: ['shopify_payments'],
    discountCode: null,
    discountCodes: [],
    customAttributes: (o.noteAttributes ?? []).map((a) => ({ key: a.name, value: a.value })),
    poNumber: null,
    displayFinancialStatus: displayFinancialStatus(o),
    displayFulfillmentStatus: () => displayFulfillmentStatus(ctx.shop, o),
    returnStatus: () => orderReturnStatus(ctx.shop, o),
    fullyPaid: paid,
    unpaid: o.financialStatus === 'pending' || o.financialStatus === 'authorized',
    canMarkAsPaid: o.financialStatus === 'pending',
    capturable: o.financialStatus === 'authorized',
    refundable: paid,
    restockable: () => o.cancelledAt === null,
    requiresShipping: o.lineItems.some((l) => l.requiresShipping),
    fulfillable: () => orderFulfillmentOrders(ctx.shop, o).some(isFoActive),
    canNotifyCustomer: true,
    merchantEditable: () => o.cancelledAt === null,
    merchantEditableErrors: [],
    subtotalLineItemsQuantity: o.lineItems.reduce((s, l) => s + l.quantity, 0),
    currentSubtotalLineItemsQuantity: () => o.lineItems.reduce((s, l) => s + l.currentQuantity, 0),
    totalWeight: () => u64(totals().weightGrams),
    currentTotalWeight: () => u64(totals().weightGrams),
    subtotalPriceSet: () => moneyBag(ctx, totals().subtotal),
    currentSubtotalPriceSet: () => moneyBag(ctx, totals().subtotal),
    totalPriceSet: () => moneyBag(ctx, original().total),
    originalTotalPriceSet: () => moneyBag(ctx, original().total),
    currentTotalPriceSet: () => moneyBag(ctx, totals().total),
    totalShippingPriceSet: () => moneyBag(ctx, totals().shipping),
    currentShippingPriceSet: () => moneyBag(ctx, totals().shipping),
    totalTaxSet: () => moneyBag(ctx, original().tax),
    currentTotalTaxSet: () => moneyBag(ctx, totals().tax),
    totalDiscountsSet: moneyBag(ctx, 0),
    currentTotalDiscountsSet: moneyBag(ctx, 0),
    currentCartDiscountAmountSet: moneyBag(ctx, 0),
    totalTipReceivedSet: moneyBag(ctx, 0),
    totalRefundedSet: () =>
      moneyBag(
        ctx,
        (o.refunds ?? []).reduce((s, r) => s + r.amountCents, 0) ||
          (o.financialStatus === 'refunded' ? original().total : 0),
      ),
    transactions: () =>
      paid || o.financialStatus === 'partially_refunded' || o.financialStatus === 'refunded'
        ? [
            {
              id: gid('OrderTransaction', saleTransactionId(o)),
              kind: 'SALE',
              status: 'SUCCESS',
              gateway: 'bogus',
              test: true,
              createdAt: dt(o.processedAt),
              processedAt: dt(o.processedAt),
              amountSet: moneyBag(ctx, original().total),
            },
          ]
        : [],
    totalRefundedShippingSet: moneyBag(ctx, 0),
    totalReceivedSet: () => moneyBag(ctx, paid || o.financialStatus === 'refunded' ? original().total : 0),
    netPaymentSet: () => moneyBag(ctx, paid ? original().total : 0),
    totalOutstandingSet: () => moneyBag(ctx, paid || o.cancelledAt ? 0 : totals().total),
    totalCapturableSet: () => moneyBag(ctx, o.financialStatus === 'authorized' ? totals().total : 0),
    statusPageUrl: `https://${ctx.shop.domain}/${ctx.shop.id}/orders/${o.token}/authenticate?key=${o.token}`,
    shippingAddress: mailingAddress(o.shippingAddress, o.id + 1),
    billingAddress: mailingAddress(o.billingAddress, o.id + 2),
    displayAddress: mailingAddress(o.shippingAddress, o.id + 1),
    billingAddressMatchesShippingAddress: JSON.stringify(o.billingAddress) === JSON.stringify(o.shippingAddress),
    customer: () => {
      const c = ctx.shop.customers.get(o.customerId);
      return c ? customerView(ctx, c) : null;
    },
    shippingLine: () => {
      const s = o.shippingLines[0];
      return s ? shippingLineView(ctx, s) : null;
    },
    shippingLines: (args: ConnectionArgs) =>
      connection(ctx, o.shippingLines, args, { id: (s) => s.id, view: (s) => shippingLineView(ctx, s) }),
    lineItems: (args: ConnectionArgs) =>
      connection(ctx, o.lineItems, args, { id: (l) => l.id, view: (l) => lineItemView(ctx, o, l) }),
    fulfillmentOrders: (args: ConnectionArgs & { displayable?: boolean; query?: string | null }) => {
      const query = parseSearch(args.query);
      const now = ctx.core.clock.now();
      const fos = orderFulfillmentOrders(ctx.shop, o)
        .filter((fo) => !args.displayable || foHasWork(ctx, fo))
        .filter((fo) => matchSearch(query, (f) => foSearch(fo, f), now));
      return connection(ctx, fos, args, { id: (fo) => fo.id, view: (fo) => fulfillmentOrderView(ctx, fo) });
    },
    fulfillments: (args: { first?: number | null }) => {
      const list = fulfillments();
      return (args.first ? list.slice(0, args.first) : list).map((f) => fulfillmentView(ctx, f));
    },
    fulfillmentsCount: () => count(fulfillments().length),
    returns: (args: ConnectionArgs) =>
      connection(ctx, returns(), args, { id: (r) => r.id, view: (r) => returnView(ctx, r) }),
  };
}
