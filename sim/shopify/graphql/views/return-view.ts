import { GraphQLError } from 'graphql';
import { gid } from '../../core/ids.js';
import { findFulfillmentLine, returnableLines } from '../../state/returns-state.js';
import type {
  SimFulfillment,
  SimOrder,
  SimReturn,
  SimExchangeLineItem,
  SimReturnLineItem,
  SimReverseDelivery,
  SimReverseFulfillmentOrder,
  SimRfoLineItem,
} from '../../state/types.js';
import { connection, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { dt, moneyBag } from './common-view.js';
import { fulfillmentLineItemView, fulfillmentView } from './fulfillment-view.js';
import { locationView } from './location-view.js';
import { lineItemView, orderView } from './order-view.js';

function orderById(ctx: GqlContext, id: number): SimOrder {
  const o = ctx.shop.orders.get(id);
  if (!o) throw new GraphQLError('order missing');
  return o;
}

function fulfillmentLineView(ctx: GqlContext, order: SimOrder, fulfillmentLineItemId: number): View {
  const found = findFulfillmentLine(ctx.shop, order, fulfillmentLineItemId);
  if (!found) throw new GraphQLError('fulfillment line item missing');
  return fulfillmentLineItemView(ctx, order, found.line);
}

function returnLineItemView(ctx: GqlContext, order: SimOrder, l: SimReturnLineItem): View {
  const li = order.lineItems.find((x) => x.id === l.lineItemId);
  return {
    __typename: 'ReturnLineItem',
    id: gid('ReturnLineItem', l.id),
    quantity: l.quantity,
    processedQuantity: l.processedQuantity,
    processableQuantity: l.quantity - l.processedQuantity,
    unprocessedQuantity: l.quantity - l.processedQuantity,
    refundableQuantity: l.quantity - (l.refundedQuantity ?? 0),
    refundedQuantity: l.refundedQuantity ?? 0,
    customerNote: l.customerNote,
    returnReasonNote: l.returnReasonNote,
    returnReasonDefinition: null,
    restockingFee: null,
    totalWeight: { unit: 'GRAMS', value: (li?.grams ?? 0) * l.quantity },
    withCodeDiscountedTotalPriceSet: moneyBag(ctx, (li?.priceCents ?? 0) * l.quantity),
    fulfillmentLineItem: () => fulfillmentLineView(ctx, order, l.fulfillmentLineItemId),
  };
}

export function reverseFulfillmentOrderView(ctx: GqlContext, rfo: SimReverseFulfillmentOrder): View {
  const order = orderById(ctx, rfo.orderId);
  return {
    __typename: 'ReverseFulfillmentOrder',
    id: gid('ReverseFulfillmentOrder', rfo.id),
    status: rfo.status,
    thirdPartyConfirmation: null,
    order: () => orderView(ctx, order),
    reverseDeliveries: (args: ConnectionArgs) =>
      connection(ctx, rfo.reverseDeliveries ?? [], args, {
        id: (d) => d.id,
        view: (d) => reverseDeliveryView(ctx, rfo, d),
      }),
    lineItems: (args: ConnectionArgs) =>
      connection(ctx, rfo.lineItems, args, { id: (l) => l.id, view: (l) => rfoLineItemView(ctx, order, l) }),
  };
}

/** ReverseDelivery with its shipping deliverable (tracking and label). */
export function reverseDeliveryView(ctx: GqlContext, rfo: SimReverseFulfillmentOrder, d: SimReverseDelivery): View {
  const order = orderById(ctx, rfo.orderId);
  return {
    __typename: 'ReverseDelivery',
    id: gid('ReverseDelivery', d.id),
    reverseFulfillmentOrder: () => reverseFulfillmentOrderView(ctx, rfo),
    deliverable: {
      __typename: 'ReverseDeliveryShippingDeliverable',
      tracking: d.tracking
        ? { carrierName: d.tracking.carrierName, number: d.tracking.number, url: d.tracking.url }
        : null,
      label: d.labelUrl ? { publicFileUrl: d.labelUrl, createdAt: dt(d.createdAt), updatedAt: dt(d.createdAt) } : null,
    },
    reverseDeliveryLineItems: (args: ConnectionArgs) =>
      connection(ctx, d.lines, args, {
        id: (l) => l.id,
        view: (l) => {
          const line = rfo.lineItems.find((x) => x.id === l.rfoLineItemId);
          return {
            id: gid('ReverseDeliveryLineItem', l.id),
            quantity: l.quantity,
            reverseFulfillmentOrderLineItem: () => (line ? rfoLineItemView(ctx, order, line) : null),
          };
        },
      }),
  };
}

/** ReverseFulfillmentOrderLineItem. */
export function rfoLineItemView(ctx: GqlContext, order: SimOrder, l: SimRfoLineItem): View {
  return {
    __typename: 'ReverseFulfillmentOrderLineItem',
    id: gid('ReverseFulfillmentOrderLineItem', l.id),
    totalQuantity: l.totalQuantity,
    fulfillmentLineItem: () => fulfillmentLineView(ctx, order, l.fulfillmentLineItemId),
    dispositions: l.dispositions.map((d) => ({
      id: gid('ReverseFulfillmentOrderDisposition', d.id),
      type: d.type,
      quantity: d.quantity,
      createdAt: dt(d.createdAt),
      location: () => {
        const loc = d.locationId === null ? undefined : ctx.shop.locations.get(d.locationId);
        return loc ? locationView(ctx, loc) : null;
      },
    })),
  };
}

/** ExchangeLineItem: the variant asked for, and the order line items processing added. */
function exchangeLineItemView(ctx: GqlContext, order: SimOrder, l: SimExchangeLineItem): View {
  const added = l.lineItemIds
    .map((id) => order.lineItems.find((li) => li.id === id))
    .filter((li) => li !== undefined)
    .map((li) => lineItemView(ctx, order, li));
  return {
    __typename: 'ExchangeLineItem',
    id: gid('ExchangeLineItem', l.id),
    quantity: l.quantity,
    processedQuantity: l.processedQuantity,
    processableQuantity: l.quantity - l.processedQuantity,
    unprocessedQuantity: l.quantity - l.processedQuantity,
    variantId: gid('ProductVariant', l.variantId),
    lineItem: added[0] ?? null,
    lineItems: added,
  };
}

export function returnView(ctx: GqlContext, r: SimReturn): View {
  const order = orderById(ctx, r.orderId);
  const rfos = () =>
    r.reverseFulfillmentOrderIds.map((id) => ctx.shop.reverseFulfillmentOrders.get(id)).filter((x) => x !== undefined);
  return {
    __typename: 'Return',
    id: gid('Return', r.id),
    name: r.name,
    status: r.status,
    createdAt: dt(r.createdAt),
    requestApprovedAt: dt(r.requestApprovedAt),
    closedAt: dt(r.closedAt),
    decline: r.decline ? { reason: r.decline.reason, note: r.decline.note } : null,
    totalQuantity: r.lineItems.reduce((s, l) => s + l.quantity, 0),
    returnShippingFees: [],
    staffMember: null,
    order: () => orderView(ctx, order),
    returnLineItems: (args: ConnectionArgs) =>
      connection(ctx, r.lineItems, args, { id: (l) => l.id, view: (l) => returnLineItemView(ctx, order, l) }),
    exchangeLineItems: (args: ConnectionArgs) =>
      connection(ctx, r.exchangeLineItems, args, { id: (l) => l.id, view: (l) => exchangeLineItemView(ctx, order, l) }),
    reverseFulfillmentOrders: (args: ConnectionArgs) =>
      connection(ctx, rfos(), args, { id: (x) => x.id, view: (x) => reverseFulfillmentOrderView(ctx, x) }),
  };
}

/** returnableFulfillments(orderId). */
export function returnableFulfillmentsView(ctx: GqlContext, order: SimOrder, args: ConnectionArgs): View {
  const lines = returnableLines(ctx.shop, order);
  const byFulfillment = new Map<number, { fulfillment: SimFulfillment; lines: typeof lines }>();
  for (const l of lines) {
    const entry = byFulfillment.get(l.fulfillment.id) ?? { fulfillment: l.fulfillment, lines: [] };
    entry.lines.push(l);
    byFulfillment.set(l.fulfillment.id, entry);
  }
  return connection(ctx, [...byFulfillment.values()], args, {
    id: (e) => e.fulfillment.id,
    view: (e) => ({
      __typename: 'ReturnableFulfillment',
      id: gid('ReturnableFulfillment', e.fulfillment.id),
      fulfillment: () => fulfillmentView(ctx, e.fulfillment),
      returnableFulfillmentLineItems: (a: ConnectionArgs) =>
        connection(ctx, e.lines, a, {
          id: (x) => x.line.id,
          view: (x) => ({
            quantity: x.quantity,
            fulfillmentLineItem: () => fulfillmentLineItemView(ctx, order, x.line),
          }),
        }),
    }),
  });
}
