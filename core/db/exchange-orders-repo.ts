import { and, eq, inArray, sql } from 'drizzle-orm';
import { allocationLines, orderLines, orders } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import type { OrderRow } from './orders-repo.js';

export type NewExchangeOrder = Omit<typeof orders.$inferInsert, 'shopId' | 'id' | 'channelOrderExternalId'>;
export type NewExchangeLine = Omit<typeof orderLines.$inferInsert, 'shopId' | 'id' | 'orderId'>;

/** Orders that ship a return's exchange: new rows whose lines Shopify holds on the returned order. */
export function createExchangeOrdersRepo(db: DbOrTx) {
  return {
    /**
     * Inserts the exchange order and its lines once (its external id is unique per shop and
     * channel), and takes its lines off the returned order if an orders/updated webhook put them
     * there first (unless they were routed already). Returns the order, new or found.
     */
    async insertOnce(
      shopId: number,
      parent: OrderRow,
      o: NewExchangeOrder,
      lines: NewExchangeLine[],
    ): Promise<{ order: OrderRow; created: boolean }> {
      const [row] = await db
        .insert(orders)
        .values({ ...o, shopId, channel: parent.channel, channelOrderExternalId: parent.externalId })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [found] = await db
          .select()
          .from(orders)
          .where(
            and(eq(orders.shopId, shopId), eq(orders.channel, parent.channel), eq(orders.externalId, o.externalId)),
          );
        return { order: found!, created: false };
      }
      if (lines.length) await db.insert(orderLines).values(lines.map((l) => ({ ...l, shopId, orderId: row.id })));
      const ids = lines.map((l) => l.externalId);
      if (ids.length)
        await db
          .delete(orderLines)
          .where(
            and(
              eq(orderLines.shopId, shopId),
              eq(orderLines.orderId, parent.id),
              inArray(orderLines.externalId, ids),
              sql`not exists (select 1 from ${allocationLines} al where al.order_line_id = ${orderLines.id})`,
            ),
          );
      return { order: row, created: true };
    },
  };
}
