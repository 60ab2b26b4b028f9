import { and, asc, eq, inArray } from 'drizzle-orm';
import { shipments, trackingEvents } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export function createShipmentsQueries(db: DbOrTx) {
  return {
    /** Shipments of some allocations with their tracking events, oldest first. */
    async forAllocations(shopId: number, allocationIds: number[]) {
      if (allocationIds.length === 0) return [];
      const rows = await db
        .select()
        .from(shipments)
        .where(and(eq(shipments.shopId, shopId), inArray(shipments.allocationId, allocationIds)))
        .orderBy(asc(shipments.id));
      const events = rows.length
        ? await db
            .select()
            .from(trackingEvents)
            .where(
              and(
                eq(trackingEvents.shopId, shopId),
                inArray(
                  trackingEvents.shipmentId,
                  rows.map((s) => s.id),
                ),
              ),
            )
            .orderBy(asc(trackingEvents.occurredAt))
        : [];
      return rows.map((s) => ({
        id: s.id,
        allocationId: s.allocationId,
        carrier: s.carrier,
        trackingNumbers: s.trackingNumbers,
        trackingUrls: s.trackingUrls,
        status: s.status,
        shippedAt: s.shippedAt,
        deliveredAt: s.deliveredAt,
        fulfillmentExternalId: s.fulfillmentExternalId,
        pushStatus: s.pushStatus,
        pushResult: s.pushResult,
        events: events
          .filter((e) => e.shipmentId === s.id)
          .map((e) => ({
            status: e.status,
            occurredAt: e.occurredAt,
            description: e.description,
            location: e.location,
            pushStatus: e.pushStatus,
          })),
      }));
    },
  };
}
