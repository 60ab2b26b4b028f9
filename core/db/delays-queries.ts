import { and, asc, eq } from 'drizzle-orm';
import { shipmentDelays } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** A delivered parcel is late no more: its open delay ends when the delivery happened. */
export async function resolveDelays(db: DbOrTx, shopId: number, shipmentId: number, at: Date): Promise<void> {
  await db
    .update(shipmentDelays)
    .set({ resolvedAt: at })
    .where(and(eq(shipmentDelays.shopId, shopId), eq(shipmentDelays.shipmentId, shipmentId)));
}

export type ShipmentDelayRow = typeof shipmentDelays.$inferSelect;

/** An order's delays, oldest first. */
export async function delaysOfOrder(db: DbOrTx, shopId: number, orderId: number): Promise<ShipmentDelayRow[]> {
  return db
    .select()
    .from(shipmentDelays)
    .where(and(eq(shipmentDelays.shopId, shopId), eq(shipmentDelays.orderId, orderId)))
    .orderBy(asc(shipmentDelays.detectedAt));
}
