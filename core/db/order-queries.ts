import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { orders } from '../../drizzle/schema/index.js';
import type { OrderStatus } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { isLateOrder, lateOrderIds } from './late-orders.js';

export interface OrderFilters {
  statuses?: OrderStatus[];
  channel?: string;
  warehouseId?: number;
  from?: Date;
  to?: Date;
  late?: boolean;
  /** handed to a 3PL that has not acknowledged it yet (the overview's "awaiting 3PL") */
  awaitingAck?: boolean;
  /** shipped on this local date of the shop (the overview's "shipped today") */
  shippedOn?: { date: string; timezone: string };
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
export const encodeCursor = (placedAt: Date, id: number) =>
  Buffer.from(`${placedAt.toISOString()}|${id}`).toString('base64url');
export function decodeCursor(c: string): { placedAt: Date; id: number } | null {
  const [d, i] = Buffer.from(c, 'base64url').toString().split('|');
  const placedAt = new Date(d ?? '');
  const id = Number(i);
  return Number.isNaN(placedAt.getTime()) || !Number.isInteger(id) ? null : { placedAt, id };
}

/** The local day `date` of `timezone` as an instant range, so an index on the timestamp applies. */
const localDay = (col: SQL, date: string, timezone: string) =>
  sql`${col} >= (${date}::date)::timestamp at time zone ${timezone} and ${col} < (${date}::date + 1)::timestamp at time zone ${timezone}`;

export function createOrderQueries(db: DbOrTx) {
  return {
    /**
     * Newest first, keyset-paginated on (placed_at, id) with a row comparison, an index condition
     * of orders_shop_placed_idx: the same cost on page 1 and page 10,000. A search is the union of
     * two ordered, limited branches (name, via the trigram index; SKU, via the shop's lines of that
     * SKU), so a best-selling SKU costs one page, not every matching order. The per-row columns
     * (units, warehouses, late) are computed for the page's rows only.
     */
    async list(
      shopId: number,
      f: OrderFilters,
      page: { cursor?: string; limit: number },
      now: Date,
    ): Promise<{ items: OrderListItem[]; nextCursor: string | null }> {
      const conds: (SQL | undefined)[] = [eq(orders.shopId, shopId)];
      if (f.statuses?.length) conds.push(inArray(orders.status, f.statuses));
      if (f.channel) conds.push(eq(orders.channel, f.channel));
      if (f.from) conds.push(gte(orders.placedAt, f.from));
      if (f.to) conds.push(lte(orders.placedAt, f.to));
      if (f.late) conds.push(sql`orders.id in (${lateOrderIds(shopId, now)})`);
      if (f.awaitingAck)
        conds.push(
          sql`orders.id in (select aa.order_id from allocations aa where aa.shop_id = ${shopId} and aa.status in ('reserved', 'ready', 'leased'))`,
        );
      if (f.shippedOn) {
        conds.push(sql`orders.id in (select sa.order_id from shipments sh join allocations sa on sa.id = sh.allocation_id
          where sh.shop_id = ${shopId} and ${localDay(sql`sh.shipped_at`, f.shippedOn.date, f.shippedOn.timezone)})`);
      }
      if (f.warehouseId)
        conds.push(
          sql`exists (select 1 from allocations wa where wa.shop_id = ${shopId} and wa.order_id = orders.id and wa.warehouse_id = ${f.warehouseId} and wa.status not in ('cancelled', 'rejected'))`,
        );
      const cur = page.cursor ? decodeCursor(page.cursor) : null;
      if (cur) conds.push(sql`(orders.placed_at, orders.id) < (${cur.placedAt.toISOString()}::timestamptz, ${cur.id})`);
      if (f.q?.trim()) {
        const q = f.q.trim();
        const base = and(...conds)!;
        const ordered = sql`order by orders.placed_at desc, orders.id desc limit ${page.limit + 1}`;
        conds.splice(
          0,
          conds.length,
          eq(orders.shopId, shopId),
          sql`orders.id in (select m.id from (
          (select orders.id from orders where ${base} and orders.name ilike ${`%${q.replace(/[%_\\]/g, '')}%`} ${ordered})
          union
          (select orders.id from orders where ${base}
            and exists (select 1 from order_lines sl where sl.shop_id = ${shopId} and sl.sku = ${q} and sl.order_id = orders.id) ${ordered})) m)`,
        );
      }
      const rows = await db
        .select({
          id: orders.id,
          name: orders.name,
          channel: orders.channel,
          status: orders.status,
          financialStatus: orders.financialStatus,
          placedAt: orders.placedAt,
          countryCode: orders.countryCode,
          city: sql<string | null>`${orders.shippingAddress}->>'city'`,
          totalPrice: orders.totalPrice,
          currency: orders.currency,
          units: sql<number>`(select coalesce(sum(ul.current_quantity), 0)::int from order_lines ul where ul.order_id = orders.id)`,
          warehouses: sql<
            string[]
          >`array(select distinct w.name from allocations wa join warehouses w on w.id = wa.warehouse_id where wa.shop_id = ${shopId} and wa.order_id = orders.id and wa.status not in ('cancelled', 'rejected'))`,
          late: sql<boolean>`${isLateOrder(shopId, now, sql`orders.id`)}`,
        })
        .from(orders)
        .where(and(...conds))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .limit(page.limit + 1);
      const items = rows
        .slice(0, page.limit)
        .map((r) => ({ ...r, units: Number(r.units), warehouses: r.warehouses ?? [] }));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.placedAt, last.id) : null };
    },

    /** The sales channels the shop has orders from, busiest first. */
    async channels(shopId: number): Promise<{ channel: string; orders: number }[]> {
      const rows = await db
        .select({ channel: orders.channel, n: sql<number>`count(*)::int` })
        .from(orders)
        .where(eq(orders.shopId, shopId))
        .groupBy(orders.channel)
        .orderBy(sql`2 desc`);
      return rows.map((c) => ({ channel: c.channel, orders: Number(c.n) }));
    },
  };
}
