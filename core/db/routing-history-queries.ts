import { and, eq, sql } from 'drizzle-orm';
import { allocationLines, allocations, backorders } from '../../drizzle/schema/index.js';
import { voidStatuses } from './allocations-repo.js';
import type { DbOrTx } from './client.js';

/** What earlier routings of an order left, as routing reads it before planning again. */
export interface RoutingHistory {
  /** units per order line held by live allocations (shipped units count too) */
  covered: Map<number, number>;
  /** warehouses that rejected an allocation of this order: not offered it again */
  rejectedBy: Set<number>;
  /** the attempt number the next allocations get */
  nextAttempt: number;
  /** units per order line the backorder policy cancelled (cancel_after_days): not routed again */
  given: Map<number, number>;
  /** whether any backorder is still open (closing them is then a write worth making) */
  openBackorders: boolean;
}

/** The order's allocations with their lines, and its backorders, in two statements. */
export async function loadRoutingHistory(db: DbOrTx, shopId: number, orderId: number): Promise<RoutingHistory> {
  const rows = await db
    .select({
      status: allocations.status,
      attempt: allocations.attempt,
      warehouseId: allocations.warehouseId,
      orderLineId: allocationLines.orderLineId,
      quantity: allocationLines.quantity,
    })
    .from(allocations)
    .leftJoin(
      allocationLines,
      and(eq(allocationLines.shopId, allocations.shopId), eq(allocationLines.allocationId, allocations.id)),
    )
    .where(and(eq(allocations.shopId, shopId), eq(allocations.orderId, orderId)));
  const held = await db
    .select({ orderLineId: backorders.orderLineId, quantity: backorders.quantity, status: backorders.status })
    .from(backorders)
    .where(
      and(
        eq(backorders.shopId, shopId),
        eq(backorders.orderId, orderId),
        sql`${backorders.status} in ('open', 'cancelled')`,
      ),
    );

  const covered = new Map<number, number>();
  const rejectedBy = new Set<number>();
  let attempt = 0;
  for (const r of rows) {
    attempt = Math.max(attempt, r.attempt);
    if (r.status === 'rejected') rejectedBy.add(r.warehouseId);
    if (!voidStatuses.includes(r.status) && r.orderLineId !== null)
      covered.set(r.orderLineId, (covered.get(r.orderLineId) ?? 0) + (r.quantity ?? 0));
  }
  const given = new Map<number, number>();
  for (const b of held) if (b.status === 'cancelled') given.set(b.orderLineId, b.quantity);
  return {
    covered,
    rejectedBy,
    nextAttempt: attempt + 1,
    given,
    openBackorders: held.some((b) => b.status === 'open'),
  };
}
