import { sql } from 'drizzle-orm';
import type { Tx } from './client.js';

/**
 * Serialises work on one key (an order, a SKU) across processes for the rest of the
 * transaction. Versions of the same order then apply one after the other.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/**
 * Several keys in one round trip, taken one after the other in the order given (a select list
 * is evaluated left to right), so callers keep one global lock order.
 */
export async function lockKeys(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(
    sql`select ${sql.join(
      keys.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`),
      sql`, `,
    )}`,
  );
}
