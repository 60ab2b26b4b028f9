import { and, eq } from 'drizzle-orm';
import { allocationLines, orderLines, shipmentLines, shipments, trackingEvents } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import type { Shipment } from './shipments-repo.js';

/** A shipment's lines as a marketplace takes them: its own line id and the quantity shipped. */
export interface ChannelShipmentLine {
  lineExternalId: string;
  quantity: number;
}

/** What sending a shipment back to its marketplace reads and records. */
export function createChannelShipmentQueries(db: DbOrTx) {
  return {
    async lines(shopId: number, shipmentId: number): Promise<ChannelShipmentLine[]> {
      return db
        .select({ lineExternalId: orderLines.externalId, quantity: shipmentLines.quantity })
        .from(shipmentLines)
        .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
        .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
        .where(and(eq(shipmentLines.shopId, shopId), eq(shipmentLines.shipmentId, shipmentId)));
    },
    async setPushOutcome(
      shipmentId: number,
      pushStatus: Shipment['pushStatus'],
      pushResult: Shipment['pushResult'],
    ): Promise<void> {
      await db
        .update(shipments)
        .set({ pushStatus, pushResult, updatedAt: new Date() })
        .where(eq(shipments.id, shipmentId));
    },
    /** Marketplaces take tracking, not scan events: the shipment's pending events are not pushed. */
    async skipPendingEvents(shipmentId: number): Promise<void> {
      await db
        .update(trackingEvents)
        .set({ pushStatus: 'skipped' })
        .where(and(eq(trackingEvents.shipmentId, shipmentId), eq(trackingEvents.pushStatus, 'pending')));
    },
  };
}
