import { sql, type SQL } from 'drizzle-orm';
import type { AllocationStatus } from '../../drizzle/schema/index.js';

/**
 * What "late" means, once for the overview's count, the orders list's filter and its row flag: an
 * allocation still owed to ship (reserved, at the 3PL, or partly shipped; not one whose cancellation
 * is asked, nor a finished or void one) whose promised ship-by has passed. Every form reads the
 * open allocations' partial index (allocations_open_promise_idx) or the order's own allocations.
 */
export const owedToShipStatuses: readonly AllocationStatus[] = [
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'partially_shipped',
];

// raw SQL on the alias `la`: drizzle drops table qualifiers inside a select list, which breaks correlation
const lateCondition = (shopId: number, now: Date) =>
  sql`la.shop_id = ${shopId} and la.status in (${sql.join(
    owedToShipStatuses.map((s) => sql`${s}`),
    sql`, `,
  )}) and la.promised_ship_by < ${now.toISOString()}::timestamptz`;

/** The ids of the shop's late orders (repeated once per late allocation): for `in (...)` and counts. */
export const lateOrderIds = (shopId: number, now: Date): SQL =>
  sql`select la.order_id from allocations la where ${lateCondition(shopId, now)}`;

/** Whether the order `orderId` (a column, e.g. orders.id) is late: for a row of a page. */
export const isLateOrder = (shopId: number, now: Date, orderId: SQL): SQL =>
  sql`exists (select 1 from allocations la where la.order_id = ${orderId} and ${lateCondition(shopId, now)})`;
