import { GraphQLError } from 'graphql';
import { gid } from '../../core/ids.js';
import type { SimFulfillment, SimFulfillmentEvent, SimFulfillmentLineItem, SimOrder } from '../../state/types.js';
import { connection, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { dt, moneyBag, u64 } from './common-view.js';
import { fulfillmentOrderView } from './fulfillment-order-view.js';
import { fulfillmentServiceView, locationView } from './location-view.js';
import { lineItemView, orderView } from './order-view.js';

function orderOf(ctx: GqlContext, f: SimFulfillment): SimOrder {
  const o = ctx.shop.orders.get(f.orderId);
  if (!o) throw new GraphQLError('order missing');
  return o;
}

export function fulfillmentLineItemView(ctx: GqlContext, order: SimOrder, fl: SimFulfillmentLineItem): View {
  const li = order.lineItems.find((l) => l.id === fl.lineItemId);
  if (!li) throw new GraphQLError('line item missing');
  return {
    __typename: 'FulfillmentLineItem',
    id: gid('FulfillmentLineItem', fl.id),
    quantity: fl.quantity,
    lineItem: () => lineItemView(ctx, order, li),
    originalTotalSet: moneyBag(ctx, li.priceCents * fl.quantity),
    discountedTotalSet: moneyBag(ctx, li.priceCents * fl.quantity),
  };
}

export function fulfillmentEventView(e: SimFulfillmentEvent): View {
  return {
    __typename: 'FulfillmentEvent',
    id: gid('FulfillmentEvent', e.id),
    status: e.status,
    message: e.message,
    happenedAt: dt(e.happenedAt),
    createdAt: dt(e.createdAt),
    estimatedDeliveryAt: dt(e.estimatedDeliveryAt),
    address1: e.address1,
    city: e.city,
    province: e.province,
    country: e.country,
    zip: e.zip,
    latitude: e.latitude,
    longitude: e.longitude,
  };
}

export function fulfillmentView(ctx: GqlContext, f: SimFulfillment): View {
  const order = orderOf(ctx, f);
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    legacyResourceId: u64(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === 'CANCELLED' ? 'CANCELED' : f.displayStatus,
    createdAt: dt(f.createdAt),
    updatedAt: dt(f.updatedAt),
    inTransitAt: dt(f.inTransitAt),
    deliveredAt: dt(f.deliveredAt),
    estimatedDeliveryAt: dt(f.estimatedDeliveryAt),
    requiresShipping: true,
    totalQuantity: f.lineItems.reduce((s, l) => s + l.quantity, 0),
    originAddress: null,
    trackingInfo: (args: { first?: number | null }) =>
      (args.first ? f.tracking.slice(0, args.first) : f.tracking).map((t) => ({
        company: t.company,
        number: t.number,
        url: t.url,
      })),
    order: () => orderView(ctx, order),
    location: () => {
      const loc = ctx.shop.locations.get(f.locationId);
      return loc ? locationView(ctx, loc) : null;
    },
    service: () => {
      const loc = ctx.shop.locations.get(f.locationId);
      const fs = loc?.fulfillmentServiceId ? ctx.shop.fulfillmentServices.get(loc.fulfillmentServiceId) : undefined;
      return fs ? fulfillmentServiceView(ctx, fs) : null;
    },
    fulfillmentLineItems: (args: ConnectionArgs) =>
      connection(ctx, f.lineItems, args, { id: (l) => l.id, view: (l) => fulfillmentLineItemView(ctx, order, l) }),
    fulfillmentOrders: (args: ConnectionArgs) =>
      connection(
        ctx,
        f.fulfillmentOrderIds.map((id) => ctx.shop.fulfillmentOrders.get(id)).filter((x) => x !== undefined),
        args,
        { id: (fo) => fo.id, view: (fo) => fulfillmentOrderView(ctx, fo) },
      ),
    events: (args: ConnectionArgs) =>
      connection(ctx, f.events, args, {
        id: (e) => e.id,
        sortValue: (e) => e.happenedAt,
        view: (e) => fulfillmentEventView(e),
      }),
  };
}
