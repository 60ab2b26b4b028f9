import { sql } from 'drizzle-orm';
import type { Tx } from './client.js';
import { rowsOf } from './rows-of.js';

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

/**
 * Select-list columns that lock an allocation as `lockKeys` would with `order:<shop>:<order
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
 * Several orders' locks in one round trip, in one global order (sorted keys), so two writers of
 * overlapping sets of orders (an ingest batch, an import chunk) can never wait on each other in a cycle.
 */
export async function lockOrders(tx: Tx, shopId: number, externalIds: Iterable<string>): Promise<void> {
  await lockKeys(tx, [...new Set([...externalIds].map((id) => orderLockKey(shopId, id)))].sort());
}
