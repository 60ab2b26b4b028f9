import { sql } from 'drizzle-orm';
import { orderHandovers } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/**
 * Keeps the hand-over rollup (order_handovers) as an allocation is acknowledged: the order's row
 * holds its first acknowledgement, so an earlier one replaces a later one and a later one leaves it
 * be. Runs in the acknowledgement's transaction.
 */
export async function recordHandover(db: DbOrTx, shopId: number, orderId: number, acknowledgedAt: Date): Promise<void> {
  const at = acknowledgedAt.toISOString();
  await db
    .insert(orderHandovers)
    .values({
      orderId,
      shopId,
      acknowledgedAt,
      minutes: sql`extract(epoch from (${at}::timestamptz - (select o.placed_at from orders o where o.id = ${orderId} and o.shop_id = ${shopId}))) / 60.0`,
    })
    .onConflictDoUpdate({
      target: orderHandovers.orderId,
      set: { acknowledgedAt: sql`excluded.acknowledged_at`, minutes: sql`excluded.minutes` },
      setWhere: sql`excluded.acknowledged_at < ${orderHandovers.acknowledgedAt}`,
    });
}
