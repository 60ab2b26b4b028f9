import { and, desc, eq, exists, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { allocations, orderLines, orders, warehouses } from '../../drizzle/schema/index.js';
import type { OrderStatus } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { openStatuses } from './allocations-repo.js';

export interface OrderFilters {
  statuses?: OrderStatus[];
  channel?: string;
  warehouseId?: number;
  from?: Date;
  to?: Date;
  late?: boolean;
  q?: string;
}

export interface OrderListItem {
  id: number;
  name: string;
  channel: string;
  status: OrderStatus;
  financialStatus: string | null;
  placedAt: Date;
  countryCode: string | null;
  city: string | null;
  totalPrice: string;
  currency: string;
  units: number;
  warehouses: string[];
  late: boolean;
}

/** (placed_at, id) of the last row seen, opaque to clients. */
export const encodeCursor = (placedAt: Date, id: number) => Buffer.from(`${placedAt.toISOString()}|${id}`).toString('base64url');
export function decodeCursor(c: string): { placedAt: Date; id: number } | null {
  const [d, i] = Buffer.from(c, 'base64url').toString().split('|');
  const placedAt = new Date(d ?? '');
  const id = Number(i);
  return Number.isNaN(placedAt.getTime()) || !Number.isInteger(id) ? null : { placedAt, id };
}

/** An open allocation past its ship-by: the order is late against its promise. */
const lateAllocation = (now: Date) =>
  exists(sql`select 1 from ${allocations} where ${allocations.orderId} = ${orders.id} and ${allocations.status} in (${sql.join(openStatuses.map((s) => sql`${s}`), sql`, `)}) and ${allocations.promisedShipBy} < ${now}`);

export function createOrderQueries(db: DbOrTx) {
  return {
    /** Newest first, keyset-paginated on (placed_at, id): the same cost on page 1 and page 10,000. */
    async list(shopId: number, f: OrderFilters, page: { cursor?: string; limit: number }, now: Date): Promise<{ items: OrderListItem[]; nextCursor: string | null }> {
      const conds: (SQL | undefined)[] = [eq(orders.shopId, shopId)];
      if (f.statuses?.length) conds.push(inArray(orders.status, f.statuses));
      if (f.channel) conds.push(eq(orders.channel, f.channel));
      if (f.from) conds.push(gte(orders.placedAt, f.from));
      if (f.to) conds.push(lte(orders.placedAt, f.to));
      if (f.late) conds.push(lateAllocation(now));
      if (f.warehouseId) conds.push(exists(sql`select 1 from ${allocations} where ${allocations.orderId} = ${orders.id} and ${allocations.warehouseId} = ${f.warehouseId} and ${allocations.status} not in ('cancelled', 'rejected')`));
      if (f.q) {
        const q = f.q.trim();
        conds.push(or(ilike(orders.name, `%${q.replace(/[%_]/g, '')}%`), exists(sql`select 1 from ${orderLines} where ${orderLines.orderId} = ${orders.id} and ${orderLines.sku} = ${q}`)));
      }
      const cur = page.cursor ? decodeCursor(page.cursor) : null;
      if (cur) conds.push(or(lt(orders.placedAt, cur.placedAt), and(eq(orders.placedAt, cur.placedAt), lt(orders.id, cur.id))));
      const rows = await db
        .select({
          id: orders.id, name: orders.name, channel: orders.channel, status: orders.status, financialStatus: orders.financialStatus, placedAt: orders.placedAt,
          countryCode: orders.countryCode, city: sql<string | null>`${orders.shippingAddress}->>'city'`, totalPrice: orders.totalPrice, currency: orders.currency,
          units: sql<number>`(select coalesce(sum(${orderLines.currentQuantity}), 0)::int from ${orderLines} where ${orderLines.orderId} = ${orders.id})`,
          warehouses: sql<string[]>`array(select distinct ${warehouses.name} from ${allocations} join ${warehouses} on ${warehouses.id} = ${allocations.warehouseId} where ${allocations.orderId} = ${orders.id} and ${allocations.status} not in ('cancelled', 'rejected'))`,
          late: sql<boolean>`${lateAllocation(now)}`,
        })
        .from(orders)
        .where(and(...conds))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .limit(page.limit + 1);
      const items = rows.slice(0, page.limit).map((r) => ({ ...r, units: Number(r.units), warehouses: r.warehouses ?? [] }));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.placedAt, last.id) : null };
    },
  };
}
