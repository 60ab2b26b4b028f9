import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  allocations,
  orderLines,
  orders,
  shipmentDelays,
  shipments,
  shops,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import type { OrderRow } from './orders-repo.js';
import type { Shipment, TrackingEvent } from './shipments-repo.js';
import type { Shop } from './shops-repo.js';

/** A parcel as the customer's tracking page shows it, with its promise and its delay. */
export interface TrackingPageParcel {
  shipment: Shipment;
  promisedDeliveryBy: Date | null;
  delay: (typeof shipmentDelays.$inferSelect)['reason'] | null;
  delayResolved: Date | null;
}

/** What customers see of a shop's orders: the tracking page and the e-mail preview; every query filters by shop. */
export function createCustomerViewQueries(db: DbOrTx) {
  return {
    /** The shop's newest shipment with its order, for a preview made of real data. */
    async latestShipmentWithOrder(shopId: number): Promise<{ shipment: Shipment; order: OrderRow } | undefined> {
      const [latest] = await db
        .select({ shipment: shipments, order: orders })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .innerJoin(orders, eq(orders.id, allocations.orderId))
        .where(eq(shipments.shopId, shopId))
        .orderBy(desc(shipments.id))
        .limit(1);
      return latest;
    },
    async orderWithShop(shopId: number, orderId: number): Promise<{ order: OrderRow; shop: Shop } | undefined> {
      const [row] = await db
        .select({ order: orders, shop: shops })
        .from(orders)
        .innerJoin(shops, eq(shops.id, orders.shopId))
        .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
      return row;
    },
    /** The order's lines that ship, in order. */
    async shippingLines(shopId: number, orderId: number): Promise<{ title: string; quantity: number }[]> {
      return db
        .select({ title: orderLines.title, quantity: orderLines.currentQuantity })
        .from(orderLines)
        .where(
          and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, orderId), eq(orderLines.requiresShipping, true)),
        )
        .orderBy(asc(orderLines.id));
    },
    async parcels(shopId: number, orderId: number): Promise<TrackingPageParcel[]> {
      return db
        .select({
          shipment: shipments,
          promisedDeliveryBy: allocations.promisedDeliveryBy,
          delay: shipmentDelays.reason,
          delayResolved: shipmentDelays.resolvedAt,
        })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .leftJoin(shipmentDelays, eq(shipmentDelays.shipmentId, shipments.id))
        .where(and(eq(shipments.shopId, shopId), eq(allocations.orderId, orderId)))
        .orderBy(asc(shipments.shippedAt), asc(shipments.id));
    },
    /** Carrier events of these shipments, oldest first. */
    async events(shopId: number, shipmentIds: number[]): Promise<TrackingEvent[]> {
      return db
        .select()
        .from(trackingEvents)
        .where(and(eq(trackingEvents.shopId, shopId), inArray(trackingEvents.shipmentId, shipmentIds)))
        .orderBy(asc(trackingEvents.occurredAt));
    },
  };
}
export type CustomerViewQueries = ReturnType<typeof createCustomerViewQueries>;
