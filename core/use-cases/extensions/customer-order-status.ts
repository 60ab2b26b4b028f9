import type { CustomerOrderStatus } from '../../contracts/extensions.js';
import type { Db } from '../../db/client.js';
import { createCustomerTrackingQueries } from '../../db/customer-tracking-queries.js';
import { NotFoundError } from '../../errors.js';
import { trackingLinks } from './tracking-links.js';

/** The customer-account block: the signed-in customer's own order, its shipments and their carrier timeline. */
export async function customerOrderStatus(deps: { db: Db }, input: { shopId: number; orderExternalId: string; customerExternalId: string }): Promise<CustomerOrderStatus> {
  const found = await createCustomerTrackingQueries(deps.db).forCustomerOrder(input.shopId, input.orderExternalId, input.customerExternalId);
  // someone else's order and no order at all answer the same, so ids cannot be probed
  if (!found) throw new NotFoundError('order');
  return {
    order: { name: found.order.name },
    unshippedUnits: found.unshippedUnits,
    shipments: found.shipments.map((s) => ({
      id: s.id, carrier: s.carrier, status: s.status, shippedAt: s.shippedAt.toISOString(), deliveredAt: s.deliveredAt?.toISOString() ?? null,
      tracking: trackingLinks(s.trackingNumbers, s.trackingUrls), items: s.items,
      timeline: [
        { status: 'shipped' as const, occurredAt: s.shippedAt.toISOString(), description: null, location: null },
        ...s.events.map((e) => ({ status: e.status, occurredAt: e.occurredAt.toISOString(), description: e.description, location: e.location })),
      ],
    })),
  };
}
