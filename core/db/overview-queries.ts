import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

export interface Overview {
  waitingToRoute: number;
  onHold: number;
  backordered: number;
  awaitingAcknowledgement: number;
  shippedToday: number;
  late: number;
  handover: { day: string; orders: number; medianMinutes: number | null; p95Minutes: number | null }[];
  handoverWeek: { orders: number; medianMinutes: number | null; p95Minutes: number | null };
}

/** The numbers of the overview page, each one matching a filter of the orders list. */
export async function loadOverview(database: Database, shopId: number, nowDate: Date, timezone: string): Promise<Overview> {
  // postgres.js takes instants as ISO strings in raw SQL
  const now = nowDate.toISOString();
  const weekAgo = new Date(nowDate.getTime() - 7 * 86_400_000).toISOString();
  const [counts] = await database.query<Record<string, number>>(sql`
    select
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'pending') as waiting,
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'on_hold') as on_hold,
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'backordered') as backordered,
      (select count(distinct order_id)::int from allocations where shop_id = ${shopId} and status in ('ready', 'leased', 'reserved')) as awaiting_ack,
      (select count(distinct a.order_id)::int from shipments s join allocations a on a.id = s.allocation_id
        where s.shop_id = ${shopId} and (s.shipped_at at time zone ${timezone})::date = (${now}::timestamptz at time zone ${timezone})::date) as shipped_today,
      (select count(distinct order_id)::int from allocations where shop_id = ${shopId}
        and status in ('reserved', 'ready', 'leased', 'acknowledged', 'partially_shipped') and promised_ship_by < ${now}::timestamptz) as late`);
  // hand-over: from the order being placed to the 3PL acknowledging its first allocation
  const handover = await database.query<{ day: string; orders: number; p50: number | null; p95: number | null }>(sql`
    with h as (
      select o.id, (min(a.acknowledged_at) at time zone ${timezone})::date as day,
        extract(epoch from (min(a.acknowledged_at) - o.placed_at)) / 60.0 as minutes
      from orders o join allocations a on a.order_id = o.id
      where o.shop_id = ${shopId} and a.acknowledged_at is not null and a.acknowledged_at >= ${weekAgo}::timestamptz
      group by o.id, o.placed_at)
    select day::text as day, count(*)::int as orders,
      percentile_cont(0.5) within group (order by minutes) as p50, percentile_cont(0.95) within group (order by minutes) as p95
    from h group by day order by day`);
  const [week] = await database.query<{ orders: number; p50: number | null; p95: number | null }>(sql`
    select count(*)::int as orders, percentile_cont(0.5) within group (order by minutes) as p50, percentile_cont(0.95) within group (order by minutes) as p95
    from (select extract(epoch from (min(a.acknowledged_at) - o.placed_at)) / 60.0 as minutes
      from orders o join allocations a on a.order_id = o.id
      where o.shop_id = ${shopId} and a.acknowledged_at is not null and a.acknowledged_at >= ${weekAgo}::timestamptz
      group by o.id, o.placed_at) h`);
  const n = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    waitingToRoute: Number(counts!.waiting), onHold: Number(counts!.on_hold), backordered: Number(counts!.backordered),
    awaitingAcknowledgement: Number(counts!.awaiting_ack), shippedToday: Number(counts!.shipped_today), late: Number(counts!.late),
    handover: handover.map((h) => ({ day: h.day, orders: Number(h.orders), medianMinutes: n(h.p50), p95Minutes: n(h.p95) })),
    handoverWeek: { orders: Number(week?.orders ?? 0), medianMinutes: n(week?.p50), p95Minutes: n(week?.p95) },
  };
}
