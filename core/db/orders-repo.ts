import { and, desc, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { orderLines, orders } from '../../drizzle/schema/index.js';
import { anyOfTexts } from './array-literals.js';
import type { DbOrTx } from './client.js';
import { createOrderUpsert } from './order-upsert.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

export { planFingerprintOf, type UpsertOrderResult } from './order-upsert.js';

/** What tells one stored version of an order from the next (see upsertIncoming's rule). */
export interface HeldVersion {
  sourceUpdatedAt: Date;
  cancelledAt: Date | null;
  financialStatus: string | null;
}

export function createOrdersRepo(db: DbOrTx) {
  return {
    ...createOrderUpsert(db),

    async get(shopId: number, orderId: number): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
      return row;
    },

    /** The version held of each of these orders (those not held are absent). */
    async versionsOf(shopId: number, channel: string, externalIds: string[]): Promise<Map<string, HeldVersion>> {
      if (externalIds.length === 0) return new Map();
      const rows = await db
        .select({
          externalId: orders.externalId,
          sourceUpdatedAt: orders.sourceUpdatedAt,
          cancelledAt: orders.cancelledAt,
          financialStatus: orders.financialStatus,
        })
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), anyOfTexts(orders.externalId, externalIds)));
      return new Map(rows.map((r) => [r.externalId, r]));
    },

    /** The ids of these orders (those not held are absent), in one read. */
    async idsByExternalId(shopId: number, channel: string, externalIds: string[]): Promise<Map<string, number>> {
      if (externalIds.length === 0) return new Map();
      const rows = await db
        .select({ id: orders.id, externalId: orders.externalId })
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), anyOfTexts(orders.externalId, externalIds)));
      return new Map(rows.map((r) => [r.externalId, r.id]));
    },

    async byExternalId(shopId: number, channel: string, externalId: string): Promise<OrderRow | undefined> {
      const [row] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), eq(orders.externalId, externalId)));
      return row;
    },

    /** Sets the order's status (and hold reason when given); `at` is the change's instant. */
    async setStatus(
      shopId: number,
      orderId: number,
      status: OrderRow['status'],
      opts: { onHoldReason?: string | null; at?: Date } = {},
    ): Promise<void> {
      const hold = opts.onHoldReason === undefined ? {} : { onHoldReason: opts.onHoldReason };
      await db
        .update(orders)
        .set({ status, ...hold, updatedAt: opts.at ?? new Date() })
        .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
    },

    /**
     * An allocation of the order was taken back (3PL rejection, count withdrawal): the order says it
     * needs routing in the same transaction, so the sweeper finds it even if its job is lost.
     * Orders cancelled, settled or held keep their state.
     */
    async markNeedsRouting(shopId: number, orderId: number, at = new Date()): Promise<boolean> {
      const rows = await db
        .update(orders)
        .set({ status: 'pending', updatedAt: at })
        .where(
          and(
            eq(orders.shopId, shopId),
            eq(orders.id, orderId),
            inArray(orders.status, ['routed', 'dispatched', 'partially_shipped', 'backordered']),
            sql`${orders.cancelledAt} is null`,
          ),
        )
        .returning({ id: orders.id });
      return rows.length > 0;
    },

    /** Orders placed since `since` and not cancelled, oldest first, at most `limit`. */
    /** The `limit` most recent orders placed since `since` (not cancelled), returned oldest first. */
    async recentSince(shopId: number, since: Date, limit: number): Promise<OrderRow[]> {
      const rows = await db
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shopId), gte(orders.placedAt, since), notInArray(orders.status, ['cancelled'])))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .limit(limit);
      return rows.reverse();
    },

    async linesOf(shopId: number, orderIds: number[]): Promise<OrderLineRow[]> {
      if (orderIds.length === 0) return [];
      return db
        .select()
        .from(orderLines)
        .where(and(eq(orderLines.shopId, shopId), inArray(orderLines.orderId, orderIds)));
    },

    async lines(shopId: number, orderId: number): Promise<OrderLineRow[]> {
      return db
        .select()
        .from(orderLines)
        .where(and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, orderId)))
        .orderBy(orderLines.id);
    },
  };
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
