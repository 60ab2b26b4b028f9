import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

export interface ShippedLine {
  /** allocation line */
  lineId: number;
  skuId: number;
  quantity: number;
}

/**
 * The units of a parcel leave, every line in one statement: the shipment's lines, the
 * allocation lines' shipped units, a `shipped` ledger movement per line (once per line and
 * shipment, by its reference), the stock rows (on hand and the reservation they consume, per
 * SKU), and the marks that wake the channel sync and the alerts (held locked until commit, as
 * stock-repo's marks are). Throws when a SKU has no stock row, which a reservation implies.
 */
export async function recordShippedLines(
  db: DbOrTx,
  shopId: number,
  p: { shipmentId: number; warehouseId: number; lines: ShippedLine[] },
): Promise<void> {
  if (p.lines.length === 0) return;
  const values = sql.join(
    p.lines.map((l) => sql`(${l.lineId}::bigint, ${l.skuId}::bigint, ${l.quantity}::int)`),
    sql`, `,
  );
  const [out] = rowsOf<{ skus: number; stocked: number }>(
    await db.execute(sql`
      with v(line_id, sku_id, q) as (values ${values}),
      sl as (
        insert into shipment_lines (shop_id, shipment_id, allocation_line_id, quantity)
        select ${shopId}, ${p.shipmentId}, line_id, q from v),
      al as (
        update allocation_lines a set shipped_quantity = a.shipped_quantity + v.q
        from v where a.shop_id = ${shopId} and a.id = v.line_id),
      mv as (
        insert into inventory_movements (shop_id, warehouse_id, sku_id, delta, reason, reference)
        select ${shopId}, ${p.warehouseId}, sku_id, -q, 'shipped', 'shipment:' || ${p.shipmentId}::text || ':line:' || line_id::text
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
        on conflict (shop_id, sku_id, purpose) do update set marked_at = stock_dirty.marked_at where false)
      select (select count(*) from per_sku)::int as skus, (select count(*) from st)::int as stocked`),
  );
  if (!out || Number(out.stocked) !== Number(out.skus))
    throw new Error(`shipment ${p.shipmentId}: a shipped SKU has no stock row at warehouse ${p.warehouseId}`);
}
