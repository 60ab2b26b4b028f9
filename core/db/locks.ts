import { sql } from 'drizzle-orm';
import { textArray } from './array-literals.js';
import { runAhead, type Tx } from './client.js';
import { rowsOf } from './rows-of.js';

/**
 * Serialises work on one key (an order, a SKU) across processes for the rest of the
 * transaction. Versions of the same order then apply one after the other.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(lockStatement([key]));
}

/**
 * Several keys, taken one after the other in the order given (unnest yields the array's elements
 * in order, and each row takes its lock as it is produced), so callers keep one global lock
 * order. One statement text for any number of keys: each connection prepares it once. They are
 * sent with the transaction's next statement instead of in a round trip of their own
 * (`sendAhead`): for callers whose next step is a statement of the same transaction, which then
 * runs under the locks. Where they cannot be sent ahead (PGlite), they are taken at once.
 */
export async function lockKeysAhead(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await runAhead(tx, lockStatement(keys));
}

function lockStatement(keys: string[]) {
  return sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${textArray(keys)}::text[]) as t(k)`;
}

/**
 * Select-list columns that lock an allocation as `lockKeysAhead` would with `order:<shop>:<order
 * channel id>` then `allocation:<id>` (the order first, as routing, hold and cancel do), named
 * from the row the statement reads: `a` an allocation, `o` its order. An order's channel id never
 * changes, so naming the keys needs no lock. Rows the same statement reads are as they stood
 * before the locks were granted: only a later statement sees what a former holder committed.
 */
export function allocationLockColumns(shopId: number) {
  return sql`pg_advisory_xact_lock(hashtextextended('order:' || ${shopId}::bigint::text || ':' || o.external_id, 0)),
             pg_advisory_xact_lock(hashtextextended('allocation:' || a.id::text, 0))`;
}

/** A warehouse's allocation locked (see `allocationLockColumns`); false when the warehouse holds no such allocation. */
export async function lockWarehouseAllocation(
  tx: Tx,
  shopId: number,
  warehouseId: number,
  allocationId: number,
): Promise<boolean> {
  const rows = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`
      select ${allocationLockColumns(shopId)}, true as locked
      from allocations a
      join orders o on o.shop_id = a.shop_id and o.id = a.order_id
      where a.shop_id = ${shopId} and a.id = ${allocationId} and a.warehouse_id = ${warehouseId}`),
  );
  return rows.length > 0;
}

/** The lock every writer of one order takes (ingest, routing, the feed, the admin's actions). */
export const orderLockKey = (shopId: number, externalId: string) => `order:${shopId}:${externalId}`;

/**
 * Several orders' locks, in one global order (sorted keys), so two writers of overlapping sets of
 * orders (an ingest batch, an import chunk) can never wait on each other in a cycle. They go with
 * the caller's next statement (`lockKeysAhead`), which must be a statement of the same transaction.
 */
export async function lockOrders(tx: Tx, shopId: number, externalIds: Iterable<string>): Promise<void> {
  await lockKeysAhead(tx, [...new Set([...externalIds].map((id) => orderLockKey(shopId, id)))].sort());
}
