import { sql } from 'drizzle-orm';
import type { NewAllocation } from './allocations-repo.js';
import type { Tx } from './client.js';
import type { OrderRow } from './orders-repo.js';
import { rowsOf } from './rows-of.js';

/**
 * One allocation a routing run places, with the order lines it ships; its idempotency key (sent
 * with every push to the 3PL) also ties the lines to their allocation in the statement.
 */
export type PlacedAllocation = Omit<NewAllocation, 'orderId' | 'attempt' | 'trace'>;

/** Everything a routing decision writes. */
export interface Placement {
  orderId: number;
  attempt: number;
  trace: unknown;
  allocations: PlacedAllocation[];
  backorders: {
    orderLineId: number;
    sku: string;
    quantity: number;
    outcome: 'hold' | 'partial' | 'cancel_at';
    cancelAt: Date | null;
  }[];
  /** open backorders of lines not backordered now are resolved (only worth a write when some are open) */
  resolveOtherBackorders: boolean;
  status: Extract<OrderRow['status'], 'routed' | 'backordered'>;
  /** the decision's instant: the order's updated_at */
  at: Date;
  /** the order's timeline entry; the new allocations' ids are added as `allocations` */
  audit: { actor: string; data: Record<string, unknown> };
}

/**
 * Writes a routing decision in one statement: the allocations and their lines, the backorders
 * (units the policy cancelled stay cancelled), the order's status, its timeline entry, the
 * reservations and the SKUs' marks for the channel sync and the alerts.
 *
 * A reservation takes only what is unreserved (on hand − reserved ≥ units, re-checked on the
 * row's newest version when a concurrent run changed it). The stock rows are locked in one global
 * order (warehouse, then SKU), the marks by SKU, so concurrent runs cannot deadlock on them.
 * Returns the allocations' ids in the order given, and false when a reservation found the units
 * gone: the caller then rolls the transaction back (nothing of the decision may stay) and plans again.
 */
export async function writePlacement(
  tx: Tx,
  shopId: number,
  p: Placement,
): Promise<{ reserved: boolean; allocationIds: number[] }> {
  const allocs = p.allocations.map((a, ord) => ({
    ord,
    key: a.idempotencyKey,
    warehouseId: a.warehouseId,
    promisedShipBy: a.promisedShipBy?.toISOString() ?? null,
    promisedDeliveryBy: a.promisedDeliveryBy?.toISOString() ?? null,
    shipDate: a.shipDate,
    serviceLevel: a.serviceLevel,
    cost: a.cost,
    distanceKm: a.distanceKm,
    locationExternalId: a.locationExternalId,
  }));
  // ord keeps the lines' ids in plan order: the feed and the 3PL list them by id
  const lines = p.allocations
    .flatMap((a) => a.lines.map((l) => ({ key: a.idempotencyKey, ...l })))
    .map((l, ord) => ({ ord, ...l }));
  // one row per stock row (two lines of one SKU at one warehouse reserve together), none for 0 units
  const units = new Map<string, { warehouseId: number; skuId: number; quantity: number }>();
  for (const a of p.allocations)
    for (const l of a.lines) {
      if (l.quantity <= 0) continue;
      const k = `${a.warehouseId}:${l.skuId}`;
      const r = units.get(k) ?? { warehouseId: a.warehouseId, skuId: l.skuId, quantity: 0 };
      r.quantity += l.quantity;
      units.set(k, r);
    }
  const reservations = [...units.values()];
  // one row per line (a line backordered twice keeps the last, as one upsert after another did)
  const backorders = [...new Map(p.backorders.map((b) => [b.orderLineId, b])).values()].map((b) => ({
    ...b,
    cancelAt: b.cancelAt?.toISOString() ?? null,
  }));
  const wallClock = new Date().toISOString();

  const result = await tx.execute(sql`
    with alloc_in as (
      select * from jsonb_to_recordset(${JSON.stringify(allocs)}::jsonb) as x(ord int, key text, "warehouseId" bigint,
        "promisedShipBy" timestamptz, "promisedDeliveryBy" timestamptz, "shipDate" text, "serviceLevel" text,
        cost numeric, "distanceKm" double precision, "locationExternalId" text)
    ), new_alloc as (
      insert into allocations (shop_id, order_id, warehouse_id, status, attempt, trace, promised_ship_by,
        promised_delivery_by, ship_date, service_level, cost, distance_km, location_external_id, idempotency_key)
      select ${shopId}, ${p.orderId}, "warehouseId", 'reserved', ${p.attempt}, ${JSON.stringify(p.trace)}::jsonb,
        "promisedShipBy", "promisedDeliveryBy", "shipDate", "serviceLevel", cost, "distanceKm", "locationExternalId", key
      from alloc_in order by ord
      returning id, idempotency_key
    ), new_lines as (
      insert into allocation_lines (shop_id, allocation_id, order_line_id, sku_id, quantity)
      select ${shopId}, a.id, l."orderLineId", l."skuId", l.quantity
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as l(ord int, key text, "orderLineId" bigint, "skuId" bigint, quantity int)
      join new_alloc a on a.idempotency_key = l.key
      order by l.ord
    ), backorder_in as (
      select * from jsonb_to_recordset(${JSON.stringify(backorders)}::jsonb) as b("orderLineId" bigint, sku text,
        quantity int, outcome text, "cancelAt" timestamptz)
    ), held as (
      insert into backorders as b (shop_id, order_id, order_line_id, sku, quantity, outcome, cancel_at, status)
      select ${shopId}, ${p.orderId}, "orderLineId", sku, quantity, outcome, "cancelAt", 'open' from backorder_in
      on conflict (order_line_id) do update set quantity = excluded.quantity, outcome = excluded.outcome,
        cancel_at = excluded.cancel_at, status = 'open', updated_at = ${wallClock}
      where b.status <> 'cancelled'
    ), resolved as (
      update backorders b set status = 'resolved', updated_at = ${wallClock}
      where ${p.resolveOtherBackorders} and b.shop_id = ${shopId} and b.order_id = ${p.orderId} and b.status = 'open'
        and b.order_line_id not in (select "orderLineId" from backorder_in)
    ), status as (
      update orders set status = ${p.status}, on_hold_reason = null, updated_at = ${p.at.toISOString()}
      where shop_id = ${shopId} and id = ${p.orderId}
    ), audit as (
      insert into audit_log (shop_id, entity, entity_id, action, actor, data)
      select ${shopId}, 'order', ${String(p.orderId)}, 'routed', ${p.audit.actor},
        ${JSON.stringify(p.audit.data)}::jsonb || jsonb_build_object('allocations',
          (select coalesce(jsonb_agg(a.id order by i.ord), '[]') from new_alloc a join alloc_in i on i.key = a.idempotency_key))
    ), locked as materialized (
      select s.id, r.quantity
      from stock_levels s
      join jsonb_to_recordset(${JSON.stringify(reservations)}::jsonb) as r("warehouseId" bigint, "skuId" bigint, quantity int)
        on s.warehouse_id = r."warehouseId" and s.sku_id = r."skuId"
      where s.shop_id = ${shopId}
      order by s.warehouse_id, s.sku_id
      for update of s
    ), reserved as (
      update stock_levels s set reserved = s.reserved + l.quantity, updated_at = now()
      from locked l
      where s.id = l.id and s.on_hand - s.reserved >= l.quantity
      returning s.sku_id
    ), marked as (
      insert into stock_dirty (shop_id, sku_id, purpose)
      select distinct ${shopId}::bigint, r.sku_id, m.purpose
      from reserved r cross join (values ('sync'), ('alerts')) as m(purpose)
      order by 2, 3
      on conflict (shop_id, sku_id, purpose) do update set marked_at = stock_dirty.marked_at where false
    )
    select (select count(*)::int from reserved) as reserved,
      (select coalesce(json_agg(a.id order by i.ord), '[]') from new_alloc a join alloc_in i on i.key = a.idempotency_key)
        as "allocationIds"`);
  const [row] = rowsOf<{ reserved: number; allocationIds: number[] }>(result);
  return { reserved: row!.reserved === reservations.length, allocationIds: row!.allocationIds };
}
