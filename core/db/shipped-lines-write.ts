import { sql, type SQL } from 'drizzle-orm';
import { intArray } from './array-literals.js';

export interface ShippedLine {
  /** allocation line */
  lineId: number;
  skuId: number;
  quantity: number;
}

/**
 * The units of a parcel leave, every line within the caller's statement: CTEs (`v`, `sl`, `al`,
 * `mv`, `per_sku`, `st`, `marks`) writing the shipment's lines, the allocation lines' shipped
 * units, a `shipped` ledger movement per line (once per line and shipment, by its reference),
 * the stock rows (on hand and the reservation they consume, per SKU), and the marks that wake
 * the channel sync and the alerts (held locked until commit, as stock-repo's marks are).
 * `shipmentId` is an expression (the id a preceding CTE inserted), and nothing is written unless
 * `onlyIf` holds (the shipment was inserted). The caller must check
 * `shippedSkusStocked` is true: a SKU with no stock row (which a reservation implies) is a fault.
 * Needs at least one line.
 */
export function shippedLinesCtes(
  shopId: number,
  p: { shipmentId: SQL; onlyIf: SQL; warehouseId: number; lines: ShippedLine[] },
) {
  // one array per column, not a VALUES row per line: the statement's text is the same whatever the
  // number of lines, so each connection plans it once, not once per line count (a plan of this
  // statement costs several milliseconds of Postgres CPU)
  const column = (pick: (l: ShippedLine) => number) => intArray(p.lines.map(pick));
  return sql`
      v(line_id, sku_id, q) as (
        select * from unnest(${column((l) => l.lineId)}::bigint[], ${column((l) => l.skuId)}::bigint[],
                             ${column((l) => l.quantity)}::int[]) as x(line_id, sku_id, q)
        where ${p.onlyIf}),
      sl as (
        insert into shipment_lines (shop_id, shipment_id, allocation_line_id, quantity)
        select ${shopId}, ${p.shipmentId}, line_id, q from v),
      al as (
        update allocation_lines a set shipped_quantity = a.shipped_quantity + v.q
        from v where a.shop_id = ${shopId} and a.id = v.line_id),
      mv as (
        insert into inventory_movements (shop_id, warehouse_id, sku_id, delta, reason, reference)
        select ${shopId}, ${p.warehouseId}, sku_id, -q, 'shipped', 'shipment:' || (${p.shipmentId})::text || ':line:' || line_id::text
        from v
        on conflict (warehouse_id, sku_id, reason, reference) do nothing
        returning sku_id, delta),
      per_sku as (select sku_id, sum(delta)::int as delta from mv group by sku_id),
      st as (
        update stock_levels s
        set on_hand = s.on_hand + d.delta, reserved = greatest(0, s.reserved + d.delta), updated_at = now()
        from per_sku d where s.shop_id = ${shopId} and s.warehouse_id = ${p.warehouseId} and s.sku_id = d.sku_id
        returning s.sku_id),
      marks as (
        insert into stock_dirty (shop_id, sku_id, purpose)
        select ${shopId}, sku_id, purpose from per_sku cross join (values ('sync'), ('alerts')) as m(purpose)
        on conflict (shop_id, sku_id, purpose) do update set marked_at = stock_dirty.marked_at where false)`;
}

/** A select-list column of the statement using `shippedLinesCtes`: every shipped SKU's stock row moved. */
export const shippedSkusStocked = sql`(select count(*) from per_sku) = (select count(*) from st)`;
