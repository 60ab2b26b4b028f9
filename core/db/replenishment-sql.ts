import { sql, type SQL } from 'drizzle-orm';
import { intArray } from './array-literals.js';

/**
 * The replenishment statements (core/domain/replenishment/sql-notes.md maps them to the
 * TypeScript formulas, which remain the reference). One statement per shop, set-based.
 */

/** Rebuilds daily demand per SKU from order lines placed since `fromDay` (cancelled orders excluded). */
export const refreshDemandSql = (shopId: number, fromDay: string): SQL[] => [
  sql`delete from demand_daily where shop_id = ${shopId} and day >= ${fromDay}::date`,
  sql`insert into demand_daily (shop_id, sku_id, day, units, revenue)
      select o.shop_id, s.id, (o.placed_at at time zone sh.timezone)::date, sum(l.current_quantity)::int, sum(l.current_quantity * l.unit_price)
      from orders o
      join shops sh on sh.id = o.shop_id
      join order_lines l on l.order_id = o.id
      join skus s on s.shop_id = o.shop_id and s.sku = l.sku
      where o.shop_id = ${shopId} and o.cancelled_at is null and l.current_quantity > 0
        and o.placed_at >= (${fromDay}::date)::timestamp at time zone sh.timezone
      group by o.shop_id, s.id, (o.placed_at at time zone sh.timezone)::date`,
];

export interface SnapshotParams {
  shopId: number;
  asOf: string;
  windowDays: number;
  deadStockDays: number;
  z: number;
  defaultLeadTimeDays: number;
  supplierLeadTimes: Record<string, { days: number; stdDays?: number | null }>;
  orderCost: number;
  holdingRatePerYear: number;
  skuIds?: number[];
}

/**
 * Mean and sample σ of daily demand without zero-filling (missing days are zeros through n),
 * safety stock z·√(L·σ² + d²·σL²), ROP = SS + d·L, EOQ = √(2DK/H) rounded up to pack and MOQ,
 * cover, stockout date and the suggested order, for every SKU of the shop (or the ones given).
 */
export const upsertSnapshotSql = (p: SnapshotParams): SQL => {
  const onlySkus = (col: SQL) => (p.skuIds ? sql`and ${col} = any(${intArray(p.skuIds)}::bigint[])` : sql``);
  const suppliers = JSON.stringify(p.supplierLeadTimes);
  return sql`
  with first_day as (select min(day) as day from demand_daily where shop_id = ${p.shopId}),
  params as (
    select s.id as sku_id, s.price::float8 as unit_price, coalesce(s.unit_cost::float8, s.price::float8 * 0.5) as unit_cost,
      greatest(s.pack_size, 1) as pack_size, greatest(s.moq, 0) as moq,
      coalesce(s.lead_time_days::float8, (${suppliers}::jsonb -> s.supplier ->> 'days')::float8, ${p.defaultLeadTimeDays}::float8) as lead_time_days,
      coalesce(s.lead_time_std_days, (${suppliers}::jsonb -> s.supplier ->> 'stdDays')::float8) as lead_time_std_days,
      greatest(${p.asOf}::date - ${p.windowDays}::int + 1, fd.day) as from_day
    from skus s cross join first_day fd
    where s.shop_id = ${p.shopId} ${onlySkus(sql.raw('s.id'))}
  ),
  sums as (
    select d.sku_id,
      sum(d.units) filter (where d.day > ${p.asOf}::date - ${p.windowDays}::int) as s1,
      sum(d.units::float8 * d.units) filter (where d.day > ${p.asOf}::date - ${p.windowDays}::int) as s2,
      sum(d.revenue::float8) filter (where d.day > ${p.asOf}::date - ${p.windowDays}::int) as revenue,
      max(d.day) filter (where d.units > 0) as last_sale
    from demand_daily d
    where d.shop_id = ${p.shopId} and d.day between ${p.asOf}::date - greatest(${p.windowDays}::int, ${p.deadStockDays}::int) + 1 and ${p.asOf}::date
      ${onlySkus(sql.raw('d.sku_id'))}
    group by d.sku_id
  ),
  stock as (
    select sku_id, sum(on_hand)::int as on_hand, sum(reserved)::int as reserved, sum(on_hand - reserved)::int as available
    from stock_levels where shop_id = ${p.shopId} ${onlySkus(sql.raw('sku_id'))} group by sku_id
  ),
  owed as (
    select s.id as sku_id, sum(b.quantity)::int as backorders from backorders b join skus s on s.shop_id = b.shop_id and s.sku = b.sku
    where b.shop_id = ${p.shopId} and b.status = 'open' group by s.id
  ),
  stats as (
    select pr.*, coalesce(su.s1, 0)::float8 as s1, coalesce(su.s2, 0) as s2, coalesce(su.revenue, 0) as revenue, su.last_sale,
      greatest(0, ${p.asOf}::date - coalesce(pr.from_day, ${p.asOf}::date) + 1) as n, coalesce(st.available, 0) as available,
      coalesce(st.on_hand, 0) as on_hand, coalesce(st.reserved, 0) as reserved, coalesce(ow.backorders, 0) as backorders
    from params pr left join sums su using (sku_id) left join stock st using (sku_id) left join owed ow using (sku_id)
  ),
  demand as (
    select st.*, case when n > 0 then s1 / n else 0 end as d,
      case when n >= 2 then sqrt(greatest(0, (s2 - s1 * s1 / n) / (n - 1))) else 0 end as sd
    from stats st
  ),
  calc as (
    select dm.*,
      greatest(0, ${p.z}::float8 * sqrt(lead_time_days * sd * sd + d * d * coalesce(lead_time_std_days, 0) ^ 2)) as safety_stock,
      available - backorders as position,
      case when unit_cost * ${p.holdingRatePerYear}::float8 > 0 then sqrt(2 * d * 365 * ${p.orderCost}::float8 / (unit_cost * ${p.holdingRatePerYear}::float8)) end as eoq_raw
    from demand dm
  ),
  rop as (select calc.*, safety_stock + d * lead_time_days as reorder_point from calc)
  insert into replenishment_snapshot as r (shop_id, sku_id, as_of, window_days, mean_daily, std_daily, z, lead_time_days, lead_time_std_days, safety_stock, reorder_point,
    eoq_raw, eoq, on_hand, reserved, available, backorders, days_of_cover, projected_stockout, revenue_at_risk_per_day, suggested_order_quantity, revenue, last_sale, computed_at)
  select ${p.shopId}, sku_id, ${p.asOf}::date, ${p.windowDays}, d, sd, ${p.z}, lead_time_days, lead_time_std_days, safety_stock, reorder_point, eoq_raw,
    case when d > 0 and eoq_raw is not null then (ceil(greatest(eoq_raw, moq) / pack_size - 1e-9) * pack_size)::int else 0 end,
    on_hand, reserved, available, backorders,
    case when d > 0 then greatest(available, 0) / d end,
    case when d > 0 then ${p.asOf}::date + floor(greatest(available, 0) / d)::int end,
    case when d > 0 and greatest(available, 0) / d < lead_time_days then d * unit_price else 0 end,
    case when position <= reorder_point and (d > 0 or position < 0)
      then (ceil(greatest(coalesce(eoq_raw, 0), reorder_point - position, moq) / pack_size - 1e-9) * pack_size)::int else 0 end,
    revenue, last_sale, now()
  from rop
  on conflict (shop_id, sku_id) do update set as_of = excluded.as_of, window_days = excluded.window_days, mean_daily = excluded.mean_daily,
    std_daily = excluded.std_daily, z = excluded.z, lead_time_days = excluded.lead_time_days, lead_time_std_days = excluded.lead_time_std_days,
    safety_stock = excluded.safety_stock, reorder_point = excluded.reorder_point, eoq_raw = excluded.eoq_raw, eoq = excluded.eoq,
    on_hand = excluded.on_hand, reserved = excluded.reserved, available = excluded.available, backorders = excluded.backorders, days_of_cover = excluded.days_of_cover, projected_stockout = excluded.projected_stockout,
    revenue_at_risk_per_day = excluded.revenue_at_risk_per_day, suggested_order_quantity = excluded.suggested_order_quantity,
    revenue = excluded.revenue, last_sale = excluded.last_sale, computed_at = excluded.computed_at`;
};

/** A/B/C by revenue share; the SKU that crosses a cut-off stays in the upper class. */
export const updateAbcSql = (shopId: number, a: number, b: number): SQL => sql`
  with ranked as (
    select sku_id, coalesce(sum(revenue) over w, 0) as before, sum(revenue) over () as total
    from (select r.sku_id, greatest(r.revenue, 0) as revenue, s.sku from replenishment_snapshot r join skus s on s.id = r.sku_id where r.shop_id = ${shopId}) x
    window w as (order by revenue desc, sku collate "C" rows between unbounded preceding and 1 preceding)
  )
  update replenishment_snapshot r set abc_class = case when k.total <= 0 then 'C'
      when k.before < (${a}::float8 - 1e-12) * k.total then 'A'
      when k.before < (${a}::float8 + ${b}::float8 - 1e-12) * k.total then 'B' else 'C' end
  from ranked k where r.shop_id = ${shopId} and r.sku_id = k.sku_id`;
