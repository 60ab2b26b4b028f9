import { sql } from 'drizzle-orm';
import type { Tx } from './client.js';

/**
 * Serialises work on one key (an order, a SKU) across processes for the rest of the
 * transaction. Versions of the same order then apply one after the other.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
