import type { CustomerOrderStatus } from '../../contracts/extensions.js';
import type { Db } from '../../db/client.js';
import { createCustomerTrackingQueries } from '../../db/customer-tracking-queries.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import { trackingPageUrl } from '../../domain/customers/links.js';
import { customerMayAskReturn } from '../../domain/returns/policy.js';
import { NotFoundError } from '../../errors.js';
import { returnableLines } from '../returns/returnable.js';
import { trackingLinks } from './tracking-links.js';

/** The customer-account block: the signed-in customer's own order, its shipments and their carrier timeline. */
export async function customerOrderStatus(
  deps: { db: Db; appUrl: string | undefined },
  input: { shopId: number; orderExternalId: string; customerExternalId: string; now: Date },
): Promise<CustomerOrderStatus> {
  const found = await createCustomerTrackingQueries(deps.db).forCustomerOrder(
    input.shopId,
    input.orderExternalId,
    input.customerExternalId,
  );
  // someone else's order and no order at all answer the same, so ids cannot be probed
  if (!found) throw new NotFoundError('order');
  return {
    order: { name: found.order.name },
    unshippedUnits: found.unshippedUnits,
    returnUrl: await returnDoor(deps, input.shopId, found.order.id, input.now),
    shipments: found.shipments.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      status: s.status,
      shippedAt: s.shippedAt.toISOString(),
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
      tracking: trackingLinks(s.trackingNumbers, s.trackingUrls),
      items: s.items,
      timeline: [
        { status: 'shipped' as const, occurredAt: s.shippedAt.toISOString(), description: null, location: null },
        ...s.events.map((e) => ({
          status: e.status,
          occurredAt: e.occurredAt.toISOString(),
          description: e.description,
          location: e.location,
        })),
      ],
    })),
  };
}

/** The tracking page's return door, when the shop's rules let this customer ask for a return of the order now. */
async function returnDoor(
  deps: { db: Db; appUrl: string | undefined },
  shopId: number,
  orderId: number,
  now: Date,
): Promise<string | null> {
  const orders = createOrdersRepo(deps.db);
  const order = await orders.get(shopId, orderId);
  if (!order) return null;
  const policy = await createReturnsRepo(deps.db).policy(shopId);
  if (!policy.customerRequests) return null;
  const avail = await returnableLines(deps.db, order, await orders.lines(shopId, order.id));
  const may = customerMayAskReturn(policy, {
    lines: avail.lines.map((l) => ({ sku: l.line.sku, tags: [], returnable: l.returnable })),
    orderTags: order.tags,
    shippedAt: avail.shippedAt,
    deliveredAt: avail.deliveredAt,
    now,
  });
  if (!may) return null;
  // the same unguessable page the shipping e-mails link to; made here when no e-mail made it yet
  const page = await createTrackingPagesRepo(deps.db).ensure(shopId, order.id);
  return `${trackingPageUrl(deps.appUrl, page.token)}/return`;
}
