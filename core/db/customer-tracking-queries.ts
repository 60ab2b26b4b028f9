import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  orderLines,
  orders,
  shipmentLines,
  shipments,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/**
 * What a customer may see of their own order: its shipments, what each carries, and the carrier
 * events. The order is found only through the customer it belongs to, so another customer's
 * order (or one with no customer) reads as absent.
 */
export function createCustomerTrackingQueries(db: DbOrTx) {
  return {
    async forCustomerOrder(shopId: number, orderExternalId: string, customerExternalId: string) {
      const [order] = await db
        .select({ id: orders.id, name: orders.name })
        .from(orders)
        .where(
          and(
            eq(orders.shopId, shopId),
            eq(orders.channel, 'shopify'),
            eq(orders.externalId, orderExternalId),
            eq(orders.customerExternalId, customerExternalId),
          ),
        );
      if (!order) return undefined;
      const rows = await db
        .select({ s: shipments })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .where(and(eq(shipments.shopId, shopId), eq(allocations.shopId, shopId), eq(allocations.orderId, order.id)))
        .orderBy(asc(shipments.shippedAt), asc(shipments.id));
      const ids = rows.map((r) => r.s.id);
      const items = ids.length
        ? await db
            .select({ shipmentId: shipmentLines.shipmentId, title: orderLines.title, quantity: shipmentLines.quantity })
            .from(shipmentLines)
            .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
            .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
            .where(and(eq(shipmentLines.shopId, shopId), inArray(shipmentLines.shipmentId, ids)))
            .orderBy(asc(shipmentLines.id))
        : [];
      const events = ids.length
        ? await db
            .select()
            .from(trackingEvents)
            .where(and(eq(trackingEvents.shopId, shopId), inArray(trackingEvents.shipmentId, ids)))
            .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id))
        : [];
      const [left] = await db
        .select({
          units: sql<number>`coalesce(sum(${allocationLines.quantity} - ${allocationLines.shippedQuantity}), 0)::int`,
        })
        .from(allocationLines)
        .innerJoin(allocations, eq(allocations.id, allocationLines.allocationId))
        .where(
          and(
            eq(allocationLines.shopId, shopId),
            eq(allocations.orderId, order.id),
            notInArray(allocations.status, ['cancelled', 'rejected']),
          ),
        );
      return {
        order,
        unshippedUnits: Number(left?.units ?? 0),
        shipments: rows.map(({ s }) => ({
          ...s,
          items: items.filter((i) => i.shipmentId === s.id).map(({ title, quantity }) => ({ title, quantity })),
          events: events.filter((e) => e.shipmentId === s.id),
        })),
      };
    },
  };
}
