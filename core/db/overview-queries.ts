import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { lateOrderIds } from './late-orders.js';

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

export type Handover = Pick<Overview, 'handover' | 'handoverWeek'>;

/**
 * The numbers of the overview page, each one matching a filter of the orders list. Every count
 * reads a small, shop-scoped index range whose size is the shop's open work or one day, never its
 * history: orders by status (orders_shop_status_placed_idx), open allocations
 * (allocations_open_promise_idx), today's shipments as an instant range (shipments_shop_shipped_idx).
 */
export async function loadOverviewCounts(
  database: Database,
  shopId: number,
  nowDate: Date,
  timezone: string,
): Promise<Omit<Overview, keyof Handover>> {
  const [counts] = await database.query<Record<string, number>>(sql`select ${countColumns(shopId, nowDate, timezone)}`);
  return toCounts(counts!);
}

/**
 * The overview's counts and, in the same statement, the signals beside them (dead letters, open
 * stock alerts, open delivery delays): one round trip instead of four, each still one index range.
 */
export async function loadOverviewFigures(
  database: Database,
  shop: { id: number; domain: string },
  nowDate: Date,
  timezone: string,
) {
  const [row] = await database.query<Record<string, number>>(sql`
    select ${countColumns(shop.id, nowDate, timezone)},
      (select count(*)::int from inbox_events where shop_domain = ${shop.domain} and status = 'dead') as dead_letters,
      (select count(*)::int from stock_alerts where shop_id = ${shop.id} and status = 'open') as alerts_open,
      (select count(*)::int from stock_alerts where shop_id = ${shop.id} and status = 'open' and severity = 'critical') as alerts_critical,
      (select count(*)::int from shipment_delays where shop_id = ${shop.id} and resolved_at is null) as delays`);
  return {
    counts: toCounts(row!),
    deadLetters: Number(row!.dead_letters),
    stockAlerts: { open: Number(row!.alerts_open), critical: Number(row!.alerts_critical) },
    delayedShipments: Number(row!.delays),
  };
}

function countColumns(shopId: number, nowDate: Date, timezone: string) {
  // postgres.js takes instants as ISO strings in raw SQL
  const now = nowDate.toISOString();
  return sql`
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'pending') as waiting,
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'on_hold') as on_hold,
      (select count(*)::int from orders where shop_id = ${shopId} and status = 'backordered') as backordered,
      (select count(distinct order_id)::int from allocations where shop_id = ${shopId} and status in ('ready', 'leased', 'reserved')) as awaiting_ack,
      (select count(distinct a.order_id)::int from shipments s join allocations a on a.id = s.allocation_id
        where s.shop_id = ${shopId} and a.shop_id = ${shopId}
          and s.shipped_at >= (${now}::timestamptz at time zone ${timezone})::date::timestamp at time zone ${timezone}
          and s.shipped_at < ((${now}::timestamptz at time zone ${timezone})::date + 1)::timestamp at time zone ${timezone}) as shipped_today,
      (select count(distinct l.order_id)::int from (${lateOrderIds(shopId, nowDate)}) l) as late`;
}

function toCounts(counts: Record<string, number>): Omit<Overview, keyof Handover> {
  return {
    waitingToRoute: Number(counts.waiting),
    onHold: Number(counts.on_hold),
    backordered: Number(counts.backordered),
    awaitingAcknowledgement: Number(counts.awaiting_ack),
    shippedToday: Number(counts.shipped_today),
    late: Number(counts.late),
  };
}

/**
 * Hand-over over the past week, from the order being placed to the 3PL acknowledging its first
 * allocation: per local day and for the week, from the rollup kept as allocations are acknowledged
 * (order_handovers, one row per order): a week of one narrow index (order_handovers_shop_ack_idx),
 * no allocations or orders read.
 */
export async function loadHandover(
  database: Database,
  shopId: number,
  nowDate: Date,
  timezone: string,
): Promise<Handover> {
  const weekAgo = new Date(nowDate.getTime() - 7 * 86_400_000).toISOString();
  // both percentiles from one sort per group, grouped by date (not its text): a third of the time;
  // the outer select hands the driver plain text and numbers
  const rows = await database.query<{ day: string | null; orders: number; p50: number | null; p95: number | null }>(sql`
    select g.day::text as day, g.orders, g.p[1] as p50, g.p[2] as p95 from (
      select (h.acknowledged_at at time zone ${timezone})::date as day, count(*)::int as orders,
        percentile_cont(array[0.5, 0.95]::float8[]) within group (order by h.minutes) as p
      from order_handovers h
      where h.shop_id = ${shopId} and h.acknowledged_at >= ${weekAgo}::timestamptz
      group by grouping sets ((1), ())) g
    order by g.day nulls last`);
  const n = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  const week = rows.find((r) => r.day === null);
  return {
    handover: rows
      .filter((h) => h.day !== null)
      .map((h) => ({ day: h.day!, orders: Number(h.orders), medianMinutes: n(h.p50), p95Minutes: n(h.p95) })),
    handoverWeek: { orders: Number(week?.orders ?? 0), medianMinutes: n(week?.p50), p95Minutes: n(week?.p95) },
  };
}

/** Counts and hand-over together (the hand-over read fresh). */
export async function loadOverview(
  database: Database,
  shopId: number,
  nowDate: Date,
  timezone: string,
): Promise<Overview> {
  const [counts, handover] = await Promise.all([
    loadOverviewCounts(database, shopId, nowDate, timezone),
    loadHandover(database, shopId, nowDate, timezone),
  ]);
  return { ...counts, ...handover };
}
