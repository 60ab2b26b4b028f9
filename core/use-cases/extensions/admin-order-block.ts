import type { AdminOrderBlock, RoutingDecision } from '../../contracts/extensions.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import type { Db } from '../../db/client.js';
import { createFeedRepo } from '../../db/feed-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createShipmentsQueries } from '../../db/shipments-queries.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import type { RoutingTrace } from '../../domain/routing/trace-types.js';
import { NotFoundError } from '../../errors.js';
import { trackingLinks } from './tracking-links.js';

/** Statuses after which routing the order again makes no sense (the admin app hides the action then too). */
const finalStatuses = ['shipped', 'delivered', 'cancelled', 'fulfilled_elsewhere'];

/** Whether the re-route action may run for an order in this status. */
export function canReroute(status: string): boolean {
  return !finalStatuses.includes(status) && status !== 'on_hold';
}

function decisionOf(trace: unknown): RoutingDecision | null {
  const t = trace as Partial<RoutingTrace> | null;
  if (!t || t.version !== 1 || !t.summary || !t.plan || !Array.isArray(t.warehouses)) return null;
  const names = t.plan.chosen.warehouses.map((id) => t.warehouses!.find((w) => w.id === id)?.name ?? id);
  const s = t.summary;
  return {
    outcome: s.outcome,
    text: s.text,
    warehouses: names,
    shipments: s.shipments,
    orderedUnits: s.orderedUnits,
    allocatedUnits: s.allocatedUnits,
    backorderedUnits: s.backorderedUnits,
    evaluatedAt: t.evaluatedAt ?? '',
  };
}

/** The order-details block: where a Shopify order went, why, how far the 3PL got, and its tracking. */
export async function adminOrderBlock(
  deps: { db: Db },
  input: { shopId: number; orderExternalId: string },
): Promise<AdminOrderBlock> {
  const { shopId } = input;
  const order = await createOrdersRepo(deps.db).byExternalId(shopId, 'shopify', input.orderExternalId);
  if (!order) throw new NotFoundError('order');
  const allocRepo = createAllocationsRepo(deps.db);
  const [allocs, backorders, whs] = await Promise.all([
    allocRepo.forOrder(shopId, order.id),
    allocRepo.openBackorders(shopId, order.id),
    createWarehousesRepo(deps.db).list(shopId),
  ]);
  const [hydrated, shipments] = await Promise.all([
    createFeedRepo(deps.db).hydrate(shopId, allocs),
    createShipmentsQueries(deps.db).forAllocations(
      shopId,
      allocs.map((a) => a.id),
    ),
  ]);
  const whName = new Map(whs.map((w) => [w.id, w.name]));
  const whOf = new Map(allocs.map((a) => [a.id, whName.get(a.warehouseId) ?? String(a.warehouseId)]));
  const latest =
    [...allocs].reverse().find((a) => a.status !== 'cancelled' && a.status !== 'rejected') ?? allocs.at(-1);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    order: { id: order.id, name: order.name, status: order.status, onHoldReason: order.onHoldReason },
    allocations: allocs.map((a, i) => {
      const lines = hydrated[i]!.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        shippedQuantity: l.shippedQuantity,
      }));
      return {
        id: a.id,
        warehouse: whOf.get(a.id)!,
        status: a.status,
        units: lines.reduce((n, l) => n + l.quantity, 0),
        shippedUnits: lines.reduce((n, l) => n + l.shippedQuantity, 0),
        lines,
        dispatchedAt: iso(a.dispatchedAt),
        acknowledgedAt: iso(a.acknowledgedAt),
        promisedShipBy: iso(a.promisedShipBy),
        problem: a.rejectReason ?? a.dispatchError ?? null,
      };
    }),
    backorderedUnits: backorders.reduce((n, b) => n + b.quantity, 0),
    decision: decisionOf(latest?.trace ?? null),
    shipments: shipments.map((s) => ({
      id: s.id,
      warehouse: whOf.get(s.allocationId) ?? '',
      carrier: s.carrier,
      status: s.status,
      shippedAt: s.shippedAt.toISOString(),
      tracking: trackingLinks(s.trackingNumbers, s.trackingUrls),
    })),
    links: { order: `app:orders/${order.id}`, trace: `app:orders/${order.id}#trace` },
    canReroute: canReroute(order.status),
  };
}
