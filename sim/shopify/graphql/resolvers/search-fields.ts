import { displayFulfillmentStatus, orderReturnStatus, orderRestFulfillmentStatus } from '../../state/order-status.js';
import type { SimFulfillmentOrder, SimOrder } from '../../state/types.js';
import type { GqlContext } from '../context.js';
import type { SearchValue } from '../search-query.js';

/** Text values of a search field. */
export const text = (...values: (string | null | undefined)[]): SearchValue => ({
  kind: 'text',
  values: values.filter((v): v is string => typeof v === 'string'),
});

export function orderField(ctx: GqlContext, o: SimOrder, field: string): SearchValue | undefined {
  switch (field) {
    case 'updated_at':
      return { kind: 'date', ms: o.updatedAt };
    case 'created_at':
      return { kind: 'date', ms: o.createdAt };
    case 'processed_at':
      return { kind: 'date', ms: o.processedAt };
    case 'id':
      return { kind: 'number', value: o.id };
    case 'name':
      return text(o.name, o.name.replace('#', ''));
    case 'email':
      return text(o.email);
    case 'tag':
      return text(...o.tags);
    case 'tag_not':
      return { kind: 'bool', value: false };
    case 'status':
      return text(o.cancelledAt ? 'cancelled' : o.closedAt ? 'closed' : 'open', 'any');
    case 'financial_status':
      return text(o.financialStatus);
    case 'fulfillment_status': {
      const rest = orderRestFulfillmentStatus(ctx.shop, o);
      const words =
        rest === 'fulfilled'
          ? ['shipped', 'fulfilled']
          : rest === 'partial'
            ? ['partial']
            : ['unshipped', 'unfulfilled'];
      return text(...words, displayFulfillmentStatus(ctx.shop, o).toLowerCase());
    }
    case 'return_status':
      return text(orderReturnStatus(ctx.shop, o).toLowerCase());
    case 'sku':
      return text(...o.lineItems.map((l) => l.sku));
    case 'test':
      return { kind: 'bool', value: o.test };
    case 'location_id':
    case 'fulfillment_location_id': {
      const locs = o.fulfillmentOrderIds
        .map((id) => ctx.shop.fulfillmentOrders.get(id)?.assignedLocationId)
        .filter((x) => x !== undefined);
      return text(...locs.map(String));
    }
    case 'customer_id':
      return { kind: 'number', value: o.customerId };
    case 'source_name':
    case 'sales_channel':
      return text(o.sourceName);
    case 'default':
      return text(o.name, o.name.replace('#', ''), o.email, o.shippingAddress.lastName);
    default:
      return undefined;
  }
}

export function orderSortValue(key: string | undefined): (o: SimOrder) => number | string {
  switch (key) {
    case 'UPDATED_AT':
      return (o) => o.updatedAt;
    case 'CREATED_AT':
      return (o) => o.createdAt;
    case 'ORDER_NUMBER':
      return (o) => o.number;
    case 'ID':
      return (o) => o.id;
    default:
      return (o) => o.processedAt;
  }
}

export function foField(fo: SimFulfillmentOrder, field: string): SearchValue | undefined {
  switch (field) {
    case 'status':
      return text(fo.status.toLowerCase());
    case 'request_status':
      return text(fo.requestStatus.toLowerCase());
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

export const ASSIGNMENT: Record<string, (fo: SimFulfillmentOrder) => boolean> = {
  FULFILLMENT_REQUESTED: (fo) => fo.requestStatus === 'SUBMITTED',
  FULFILLMENT_ACCEPTED: (fo) => fo.requestStatus === 'ACCEPTED',
  CANCELLATION_REQUESTED: (fo) => fo.requestStatus === 'CANCELLATION_REQUESTED',
  FULFILLMENT_UNSUBMITTED: (fo) => fo.requestStatus === 'UNSUBMITTED',
};
