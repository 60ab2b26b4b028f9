import { GraphQLError } from 'graphql';
import { gid, parseId } from '../../core/ids.js';
import { getLevel } from '../../state/inventory.js';
import { foFulfillments } from '../../state/order-status.js';
import type { SimFulfillmentOrder, SimFoLineItem, SimMerchantRequest, SimOrder } from '../../state/types.js';
import { moveBlocker } from '../../ops/fo-move-split.js';
import { serviceOf } from '../../ops/fo-requests.js';
import { rankedLocations } from '../../ops/routing.js';
import { connection, count, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { dt } from './common-view.js';
import { fulfillmentView } from './fulfillment-view.js';
import { appView, variantView } from './inventory-view.js';
import { locationView } from './location-view.js';
import { lineItemView, orderView } from './order-view.js';

function orderOf(ctx: GqlContext, fo: SimFulfillmentOrder): SimOrder {
  const o = ctx.shop.orders.get(fo.orderId);
  if (!o) throw new GraphQLError('order missing');
  return o;
}

/** FulfillmentOrderAction values Shopify would offer for this FO. */
export function supportedActions(ctx: GqlContext, fo: SimFulfillmentOrder): string[] {
  const atService = serviceOf(ctx.shop, fo) !== undefined;
  const units = fo.lineItems.reduce((s, l) => s + l.remainingQuantity, 0);
  const out: string[] = [];
  switch (fo.status) {
    case 'OPEN':
      if (
        atService &&
        (fo.requestStatus === 'UNSUBMITTED' ||
          fo.requestStatus === 'REJECTED' ||
          fo.requestStatus === 'CANCELLATION_ACCEPTED')
      )
        out.push('REQUEST_FULFILLMENT');
      if (fo.requestStatus === 'SUBMITTED') {
        out.push('CANCEL_FULFILLMENT_ORDER');
        break;
      }
      out.push('CREATE_FULFILLMENT', 'MOVE', 'HOLD');
      if (units > 1) out.push('SPLIT');
      break;
    case 'IN_PROGRESS':
      out.push('CREATE_FULFILLMENT');
      if (fo.requestStatus === 'ACCEPTED' || fo.requestStatus === 'CANCELLATION_REJECTED')
        out.push('REQUEST_CANCELLATION');
      else if (fo.requestStatus === 'CANCELLATION_REQUESTED') out.push('CANCEL_FULFILLMENT_ORDER');
      else out.push('MOVE');
      break;
    case 'ON_HOLD':
      out.push('RELEASE_HOLD', 'HOLD');
      break;
    case 'SCHEDULED':
      out.push('MARK_AS_OPEN', 'MOVE');
      break;
    default:
      break;
  }
  return out;
}

function foLineItemView(ctx: GqlContext, order: SimOrder, l: SimFoLineItem): View {
  const li = order.lineItems.find((x) => x.id === l.lineItemId);
  if (!li) throw new GraphQLError('line item missing');
  return {
    __typename: 'FulfillmentOrderLineItem',
    id: gid('FulfillmentOrderLineItem', l.id),
    totalQuantity: l.totalQuantity,
    remainingQuantity: l.remainingQuantity,
    sku: li.sku,
    productTitle: li.title,
    variantTitle: li.variantTitle,
    vendor: li.vendor,
    requiresShipping: li.requiresShipping,
    inventoryItemId: li.inventoryItemId === null ? null : gid('InventoryItem', li.inventoryItemId),
    warnings: [],
    weight: { unit: 'GRAMS', value: li.grams },
    image: null,
    lineItem: () => lineItemView(ctx, order, li),
    variant: () => {
      const v = li.variantId === null ? undefined : ctx.shop.variants.get(li.variantId);
      return v ? variantView(ctx, v) : null;
    },
  };
}

function merchantRequestView(ctx: GqlContext, fo: SimFulfillmentOrder, r: SimMerchantRequest): View {
  return {
    __typename: 'FulfillmentOrderMerchantRequest',
    id: gid('FulfillmentOrderMerchantRequest', r.id),
    kind: r.kind,
    message: r.message,
    requestOptions: r.requestOptions,
    responseData: r.responseData,
    sentAt: dt(r.sentAt),
    fulfillmentOrder: () => fulfillmentOrderView(ctx, fo),
  };
}

function locationsForMove(
  ctx: GqlContext,
  fo: SimFulfillmentOrder,
  args: ConnectionArgs & { lineItemIds?: string[] | null; locationIds?: string[] | null },
): View {
  const order = orderOf(ctx, fo);
  const wanted =
    args.lineItemIds && args.lineItemIds.length > 0
      ? new Set(args.lineItemIds.map((i) => parseId(i, 'FulfillmentOrderLineItem')))
      : null;
  const lines = fo.lineItems.filter((l) => l.remainingQuantity > 0 && (!wanted || wanted.has(l.id)));
  const onlyLocs = args.locationIds ? new Set(args.locationIds.map((i) => parseId(i, 'Location'))) : null;
  const candidates = rankedLocations(ctx.shop).filter(
    (loc) => loc.id !== fo.assignedLocationId && (!onlyLocs || onlyLocs.has(loc.id)),
  );
  const stocked = (locId: number, l: SimFoLineItem): boolean => {
    const li = order.lineItems.find((x) => x.id === l.lineItemId);
    return !li?.inventoryItemId || getLevel(ctx.shop, li.inventoryItemId, locId)?.isActive === true;
  };
  const entries = candidates.map((loc) => {
    const sel = lines.map((line) => ({ line, quantity: line.remainingQuantity }));
    const blocker = moveBlocker(ctx.shop, fo, loc.id, sel);
    const available = lines.filter((l) => stocked(loc.id, l));
    const unavailable = lines.filter((l) => !stocked(loc.id, l));
    return { loc, blocker, available, unavailable };
  });
  entries.sort((a, b) => Number(a.blocker !== null) - Number(b.blocker !== null));
  const positions = new Map(entries.map((e, i) => [e.loc.id, i]));
  return connection(ctx, entries, args, {
    id: (e) => e.loc.id,
    sortValue: (e) => positions.get(e.loc.id) ?? 0,
    view: (e) => ({
      location: locationView(ctx, e.loc),
      movable: e.blocker === null && fo.status !== 'CLOSED',
      message: e.blocker,
      availableLineItemsCount: count(e.available.length),
      unavailableLineItemsCount: count(e.unavailable.length),
      availableLineItems: (a: ConnectionArgs) =>
        connection(ctx, e.available, a, { id: (l) => l.id, view: (l) => foLineItemView(ctx, order, l) }),
      unavailableLineItems: (a: ConnectionArgs) =>
        connection(ctx, e.unavailable, a, { id: (l) => l.id, view: (l) => foLineItemView(ctx, order, l) }),
    }),
  });
}

export function fulfillmentOrderView(ctx: GqlContext, fo: SimFulfillmentOrder): View {
  const order = orderOf(ctx, fo);
  const a = order.shippingAddress;
  const ship = order.shippingLines[0];
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', fo.id),
    status: fo.status,
    requestStatus: fo.requestStatus,
    createdAt: dt(fo.createdAt),
    updatedAt: dt(fo.updatedAt),
    fulfillAt: dt(fo.fulfillAt),
    fulfillBy: null,
    orderId: gid('Order', order.id),
    orderName: order.name,
    orderProcessedAt: dt(order.processedAt),
    internationalDuties: null,
    order: () => orderView(ctx, order),
    assignedLocation: () => {
      const loc = ctx.shop.locations.get(fo.assignedLocationId);
      if (!loc) throw new GraphQLError('location missing');
      const la = loc.address;
      return {
        name: loc.name,
        address1: la.address1,
        address2: la.address2,
        city: la.city,
        province: la.province,
        zip: la.zip,
        countryCode: la.countryCode,
        phone: la.phone,
        location: locationView(ctx, loc),
      };
    },
    destination: {
      id: gid('FulfillmentOrderDestination', fo.destinationId),
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      company: a.company,
      countryCode: a.countryCode,
      email: order.email,
      firstName: a.firstName,
      lastName: a.lastName,
      phone: a.phone,
      province: a.province,
      zip: a.zip,
      location: null,
    },
    deliveryMethod: {
      id: gid('DeliveryMethod', fo.deliveryMethodId),
      methodType: 'SHIPPING',
      presentedName: ship?.title ?? null,
      serviceCode: ship?.code ?? null,
      sourceReference: null,
      minDeliveryDateTime: null,
      maxDeliveryDateTime: null,
      additionalInformation: null,
      brandedPromise: null,
    },
    fulfillmentHolds: fo.holds.map((h) => ({
      __typename: 'FulfillmentHold',
      id: gid('FulfillmentHold', h.id),
      handle: h.handle,
      reason: h.reason,
      reasonNotes: h.reasonNotes,
      displayReason: h.reason.replace(/_/g, ' ').toLowerCase(),
      heldByRequestingApp: h.heldByApp,
      heldByApp: () => (h.heldByApp ? appView() : null),
    })),
    supportedActions: () => supportedActions(ctx, fo).map((action) => ({ action, externalUrl: null })),
    remainingLineItemsWeight: () => ({
      unit: 'GRAMS',
      value: fo.lineItems.reduce(
        (s, l) => s + l.remainingQuantity * (order.lineItems.find((x) => x.id === l.lineItemId)?.grams ?? 0),
        0,
      ),
    }),
    lineItems: (args: ConnectionArgs) =>
      connection(ctx, fo.lineItems, args, { id: (l) => l.id, view: (l) => foLineItemView(ctx, order, l) }),
    merchantRequests: (args: ConnectionArgs & { kind?: string | null }) =>
      connection(
        ctx,
        fo.merchantRequests.filter((r) => !args.kind || r.kind === args.kind),
        args,
        { id: (r) => r.id, view: (r) => merchantRequestView(ctx, fo, r) },
      ),
    fulfillments: (args: ConnectionArgs) =>
      connection(ctx, foFulfillments(ctx.shop, fo), args, { id: (f) => f.id, view: (f) => fulfillmentView(ctx, f) }),
    locationsForMove: (args: ConnectionArgs & { lineItemIds?: string[] | null; locationIds?: string[] | null }) =>
      locationsForMove(ctx, fo, args),
  };
}
