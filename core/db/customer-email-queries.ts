import { and, eq, gt, isNull, max, ne, sql } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  orderLines,
  orders,
  shipmentDelays,
  shipmentLines,
  shipments,
  shops,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import type { DelayReason } from '../../drizzle/schema/customers.js';
import type { DbOrTx } from './client.js';

export type { DelayReason };
export type ShipmentForEmail = NonNullable<Awaited<ReturnType<typeof shipmentForEmail>>>;

/** A shipment with its allocation, order and shop: what a customer e-mail about it is made of. */
export async function shipmentForEmail(db: DbOrTx, shopId: number, shipmentId: number) {
  const [row] = await db
    .select({ shipment: shipments, allocation: allocations, order: orders, shop: shops })
    .from(shipments)
    .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
    .innerJoin(orders, eq(orders.id, allocations.orderId))
    .innerJoin(shops, eq(shops.id, shipments.shopId))
    .where(and(eq(shipments.shopId, shopId), eq(shipments.id, shipmentId)));
  return row ?? null;
}

/** What a parcel holds (title and quantity per line), and how many shippable units the order has in all: one statement. */
export async function parcelContents(db: DbOrTx, shopId: number, shipmentId: number, orderId: number) {
  const rows = await db
    .select({
      title: orderLines.title,
      quantity: shipmentLines.quantity,
      orderedUnits: sql<number>`(select coalesce(sum(o.current_quantity) filter (where o.requires_shipping), 0)::int
        from order_lines o where o.shop_id = ${shopId} and o.order_id = ${orderId})`.mapWith(Number),
    })
    .from(shipmentLines)
    .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
    .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
    .where(and(eq(shipmentLines.shopId, shopId), eq(shipmentLines.shipmentId, shipmentId)));
  return {
    items: rows.map((r) => ({ title: r.title, quantity: r.quantity })),
    orderedUnits: rows[0]?.orderedUnits ?? 0,
  };
}

/** Undelivered shipments of the last `since` with no delay raised yet, with their promise and last carrier event. */
export async function openShipmentsWithoutDelay(db: DbOrTx, input: { since: Date; shopId?: number }) {
  return db
    .select({
      id: shipments.id,
      shopId: shipments.shopId,
      orderId: allocations.orderId,
      status: shipments.status,
      shippedAt: shipments.shippedAt,
      promisedDeliveryBy: allocations.promisedDeliveryBy,
      lastEventAt: max(trackingEvents.occurredAt),
    })
    .from(shipments)
    .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
    .leftJoin(shipmentDelays, eq(shipmentDelays.shipmentId, shipments.id))
    .leftJoin(trackingEvents, eq(trackingEvents.shipmentId, shipments.id))
    .where(
      and(
        ne(shipments.status, 'delivered'),
        isNull(shipmentDelays.id),
        gt(shipments.shippedAt, input.since),
        input.shopId ? eq(shipments.shopId, input.shopId) : undefined,
      ),
    )
    .groupBy(shipments.id, allocations.orderId, allocations.promisedDeliveryBy);
}

/** Raises a shipment's delay once: null when it was already raised. */
export async function raiseDelay(
  db: DbOrTx,
  d: { shopId: number; orderId: number; shipmentId: number; reason: DelayReason; detectedAt: Date },
) {
  const [delay] = await db
    .insert(shipmentDelays)
    .values(d)
    .onConflictDoNothing({ target: shipmentDelays.shipmentId })
    .returning({ id: shipmentDelays.id });
  return delay ?? null;
}
