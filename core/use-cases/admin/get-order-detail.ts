import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { Db } from '../../db/client.js';
import { createFeedRepo } from '../../db/feed-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createShipmentsQueries } from '../../db/shipments-queries.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { NotFoundError } from '../../errors.js';
import { orderCustomerView } from '../customers/order-customer-view.js';

/** Everything the order page shows: lines, allocations with their parcels, backorders, the routing trace and the timeline. */
export async function getOrderDetail(
  deps: { db: Db; appUrl: string | undefined },
  input: { shopId: number; orderId: number },
) {
  const { shopId } = input;
  const ordersRepo = createOrdersRepo(deps.db);
  const order = await ordersRepo.get(shopId, input.orderId);
  if (!order) throw new NotFoundError('order');
  const allocRepo = createAllocationsRepo(deps.db);
  // independent reads go together: the page costs three round trips, not eight
  const withParcels = allocRepo.forOrder(shopId, order.id).then(async (allocs) => {
    const [feed, shipments] = await Promise.all([
      createFeedRepo(deps.db).hydrate(shopId, allocs),
      createShipmentsQueries(deps.db).forAllocations(
        shopId,
        allocs.map((a) => a.id),
      ),
    ]);
    return { allocs, feed, shipments };
  });
  const [lines, { allocs, feed, shipments }, backorders, timeline, whs, customer] = await Promise.all([
    ordersRepo.lines(shopId, order.id),
    withParcels,
    allocRepo.openBackorders(shopId, order.id),
    createAuditRepo(deps.db).list(shopId, 'order', String(order.id)),
    createWarehousesRepo(deps.db).list(shopId),
    orderCustomerView({ db: deps.db, appUrl: deps.appUrl }, { shopId, orderId: order.id }),
  ]);
  const whName = new Map(whs.map((w) => [w.id, w.name]));
  const latest =
    [...allocs].reverse().find((a) => a.status !== 'cancelled' && a.status !== 'rejected') ?? allocs.at(-1);
  return {
    order,
    lines,
    allocations: allocs.map((a, i) => ({
      allocation: a,
      warehouse: whName.get(a.warehouseId) ?? String(a.warehouseId),
      lines: feed[i]!.lines,
      shipments: shipments.filter((s) => s.allocationId === a.id),
    })),
    backorders,
    /** the trace of the latest routing: warehouses × rules */
    trace:
      latest?.trace ??
      timeline
        .filter((e) => e.action === 'routed')
        .map((e) => (e.data as { trace?: unknown }).trace)
        .at(-1) ??
      null,
    /** the audit trail; a routing entry's trace is left out (it is `trace` above) */
    timeline: timeline.map((e) =>
      e.action === 'routed' ? { ...e, data: { ...(e.data as object), trace: undefined } } : e,
    ),
    /** what the customer sees of the order: the tracking page, delays, e-mails */
    customer,
  };
}

export type OrderDetailData = Awaited<ReturnType<typeof getOrderDetail>>;
