import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  orderLines,
  shipmentLines,
  shipments,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type Shipment = typeof shipments.$inferSelect;
export type TrackingEvent = typeof trackingEvents.$inferSelect;
export type TrackingStatus = TrackingEvent['status'];

/** A shipped unit as Shopify knows it: its order line, and where placement recorded it. */
export interface ShippedLine {
  lineItemId: string;
  quantity: number;
  foId: string | null;
  foLineId: string | null;
}

/**
 * Parcels a 3PL reported, their lines and carrier events, and how far each got on its way back
 * to the sales channel (the fulfillment and its events).
 */
export function createShipmentsRepo(db: DbOrTx) {
  return {
    /** The event's id, or null when the same (status, instant) was already recorded. */
    async addEvent(
      shopId: number,
      shipmentId: number,
      e: { status: TrackingStatus; occurredAt: Date; description: string | null; location: string | null },
    ): Promise<number | null> {
      const inserted = await db
        .insert(trackingEvents)
        .values({ shopId, shipmentId, ...e })
        .onConflictDoNothing()
        .returning({ id: trackingEvents.id });
      return inserted[0]?.id ?? null;
    },

    async newestEvent(shipmentId: number): Promise<TrackingEvent | undefined> {
      const [row] = await db
        .select()
        .from(trackingEvents)
        .where(eq(trackingEvents.shipmentId, shipmentId))
        .orderBy(desc(trackingEvents.occurredAt), desc(trackingEvents.id))
        .limit(1);
      return row;
    },

    async setStatus(shipmentId: number, status: Shipment['status'], deliveredAt: Date | null): Promise<void> {
      await db
        .update(shipments)
        .set({ status, deliveredAt, updatedAt: new Date() })
        .where(eq(shipments.id, shipmentId));
    },

    /** Every shipment of an order, with its status. */
    async statusesOfOrder(shopId: number, orderId: number): Promise<{ id: number; status: Shipment['status'] }[]> {
      return db
        .select({ id: shipments.id, status: shipments.status })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .where(and(eq(allocations.orderId, orderId), eq(shipments.shopId, shopId)));
    },

    async shippedLines(shopId: number, shipmentId: number): Promise<ShippedLine[]> {
      return db
        .select({
          lineItemId: orderLines.externalId,
          quantity: shipmentLines.quantity,
          foId: allocationLines.foExternalId,
          foLineId: allocationLines.foLineExternalId,
        })
        .from(shipmentLines)
        .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
        .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
        .where(and(eq(shipmentLines.shopId, shopId), eq(shipmentLines.shipmentId, shipmentId)));
    },

    async markPushFailed(shipmentId: number, pushResult: unknown): Promise<void> {
      await db
        .update(shipments)
        .set({ pushStatus: 'failed', pushResult, updatedAt: new Date() })
        .where(eq(shipments.id, shipmentId));
    },

    /** The channel's fulfillment now carries this shipment. */
    async markFulfilled(shipmentId: number, fulfillmentId: string): Promise<void> {
      await db
        .update(shipments)
        .set({
          fulfillmentExternalId: fulfillmentId,
          pushStatus: 'pushed',
          pushResult: { fulfillmentId },
          updatedAt: new Date(),
        })
        .where(eq(shipments.id, shipmentId));
    },

    /** A tracking change reached the channel's existing fulfillment. */
    async markTrackingPushed(shipmentId: number): Promise<void> {
      await db
        .update(shipments)
        .set({ pushStatus: 'pushed', updatedAt: new Date() })
        .where(eq(shipments.id, shipmentId));
    },

    /** Carrier events not yet sent to the channel, oldest first. */
    async pendingEvents(shipmentId: number): Promise<TrackingEvent[]> {
      return db
        .select()
        .from(trackingEvents)
        .where(and(eq(trackingEvents.shipmentId, shipmentId), eq(trackingEvents.pushStatus, 'pending')))
        .orderBy(asc(trackingEvents.occurredAt));
    },

    async markEvents(eventIds: number[], pushStatus: 'pushed' | 'skipped'): Promise<void> {
      if (eventIds.length === 0) return;
      await db.update(trackingEvents).set({ pushStatus }).where(inArray(trackingEvents.id, eventIds));
    },
  };
}
export type ShipmentsRepo = ReturnType<typeof createShipmentsRepo>;

/** Tracking pushes that failed after every retry: what the merchant sees next to dispatch failures. */
export function createTrackingPushFailuresRepo(db: DbOrTx) {
  return {
    async list(shopId: number) {
      return db
        .select({
          shipmentId: shipments.id,
          allocationId: shipments.allocationId,
          orderId: allocations.orderId,
          pushResult: shipments.pushResult,
          updatedAt: shipments.updatedAt,
        })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .where(and(eq(shipments.shopId, shopId), eq(shipments.pushStatus, 'failed')))
        .orderBy(asc(shipments.id))
        .limit(500);
    },
    /** Puts failed pushes back to pending, so the sweeper finds them even if the replay job is lost; returns the ids revived. */
    async revive(shopId: number, ids: number[] | 'all'): Promise<number[]> {
      const rows = await db
        .update(shipments)
        .set({ pushStatus: 'pending', updatedAt: new Date() })
        .where(
          and(
            eq(shipments.shopId, shopId),
            eq(shipments.pushStatus, 'failed'),
            ids === 'all' ? undefined : inArray(shipments.id, ids.length ? ids : [-1]),
          ),
        )
        .returning({ id: shipments.id });
      return rows.map((r) => r.id);
    },
  };
}
