import { and, eq, inArray, sql } from 'drizzle-orm';
import { allocationLines, orders, returnLines, returns, shipmentLines, shipments } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** The names of a shop's orders, for return lists and feeds; no query when there are no ids. */
export async function orderNames(
  db: DbOrTx,
  shopId: number,
  orderIds: number[],
): Promise<{ id: number; name: string }[]> {
  if (orderIds.length === 0) return [];
  return db
    .select({ id: orders.id, name: orders.name })
    .from(orders)
    .where(and(eq(orders.shopId, shopId), inArray(orders.id, orderIds)));
}

/** Units shipped per order line (with the latest ship and delivery times), over our own shipments. */
export async function shippedPerOrderLine(
  db: DbOrTx,
  shopId: number,
  orderLineIds: number[],
): Promise<{ orderLineId: number; q: number; at: Date; delivered: Date | null }[]> {
  if (orderLineIds.length === 0) return [];
  return db
    .select({
      orderLineId: allocationLines.orderLineId,
      q: sql<number>`sum(${shipmentLines.quantity})::int`,
      at: sql<Date>`max(${shipments.shippedAt})`,
      delivered: sql<Date | null>`max(${shipments.deliveredAt})`,
    })
    .from(shipmentLines)
    .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .where(and(eq(shipmentLines.shopId, shopId), inArray(allocationLines.orderLineId, orderLineIds)))
    .groupBy(allocationLines.orderLineId);
}

/** Units per order line already in returns that were not declined. */
export async function returnedPerOrderLine(
  db: DbOrTx,
  shopId: number,
  orderLineIds: number[],
): Promise<{ orderLineId: number | null; q: number }[]> {
  if (orderLineIds.length === 0) return [];
  return db
    .select({ orderLineId: returnLines.orderLineId, q: sql<number>`sum(${returnLines.quantity})::int` })
    .from(returnLines)
    .innerJoin(returns, eq(returns.id, returnLines.returnId))
    .where(
      and(
        eq(returnLines.shopId, shopId),
        inArray(returnLines.orderLineId, orderLineIds),
        sql`${returns.state} <> 'declined'`,
      ),
    )
    .groupBy(returnLines.orderLineId);
}
