import { sql } from 'drizzle-orm';
import type { OrderLineRow, OrderRow } from './orders-repo.js';
import { voidStatuses } from './allocations-repo.js';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

/** The order's columns routing reads. */
export type RoutingOrderRow = Pick<
  OrderRow,
  | 'id'
  | 'externalId'
  | 'channel'
  | 'status'
  | 'financialStatus'
  | 'onHoldReason'
  | 'cancelledAt'
  | 'placedAt'
  | 'countryCode'
  | 'zip'
  | 'latitude'
  | 'longitude'
  | 'shippingRateCode'
  | 'shippingRateTitle'
  | 'deliverBy'
>;

/** An order line's columns routing reads. */
export type RoutingLineRow = Pick<OrderLineRow, 'id' | 'sku' | 'currentQuantity' | 'unitPrice' | 'requiresShipping'>;

/** What earlier routings of an order left, as routing reads it before planning again. */
export interface RoutingHistory {
  /** units per order line held by live allocations (shipped units count too) */
  covered: Map<number, number>;
  /** warehouses that rejected an allocation of this order: not offered it again */
  rejectedBy: Set<number>;
  /** the attempt number the next allocations get */
  nextAttempt: number;
  /** units per order line the backorder policy cancelled (cancel_after_days): not routed again */
  given: Map<number, number>;
  /** whether any backorder is still open (closing them is then a write worth making) */
  openBackorders: boolean;
}

/** Everything a routing run reads of one order under its lock, and of the stock its SKUs have. */
export interface RoutingSnapshot {
  order: RoutingOrderRow | undefined;
  /** by id */
  lines: RoutingLineRow[];
  history: RoutingHistory;
  /** the shop's SKUs among the order's lines: code → id */
  skuIdByCode: Map<string, number>;
  /** on hand and reserved of those SKUs at every warehouse of the shop */
  levels: { warehouseId: number; skuId: number; onHand: number; reserved: number }[];
  /** live allocations per warehouse on the ship date asked for it: what daily capacity counts */
  shipments: Map<number, number>;
}

interface SnapshotRow {
  order: (Omit<RoutingOrderRow, 'placedAt' | 'cancelledAt'> & { placedAt: number; cancelledAt: number | null }) | null;
  lines: RoutingLineRow[];
  allocations: {
    status: string;
    attempt: number;
    warehouseId: number;
    orderLineId: number | null;
    quantity: number | null;
  }[];
  backorders: { orderLineId: number; quantity: number; status: string }[];
  skus: { id: number; sku: string }[];
  levels: RoutingSnapshot['levels'];
  shipments: { warehouseId: number; n: number }[];
}

/**
 * The order, its lines, its allocations with their lines, its backorders, the stock of its SKUs
 * and the shipments planned on each warehouse's next ship day, in one statement. `shipDays` are
 * the warehouses' next ship dates (computed from their calendars, which routing holds already).
 */
export async function loadRoutingSnapshot(
  db: DbOrTx,
  shopId: number,
  orderId: number,
  shipDays: { warehouseId: number; shipDate: string }[],
): Promise<RoutingSnapshot> {
  const result = await db.execute(sql`
    with o as (
      select id, external_id, channel, status, financial_status, on_hold_reason, cancelled_at, placed_at,
        country_code, zip, latitude, longitude, shipping_rate_code, shipping_rate_title, deliver_by
      from orders where shop_id = ${shopId} and id = ${orderId}
    ), l as (
      select id, sku, current_quantity, unit_price, requires_shipping
      from order_lines where shop_id = ${shopId} and order_id = ${orderId}
    ), s as (
      select id, sku from skus where shop_id = ${shopId} and sku in (select sku from l)
    )
    select
      (select json_build_object('id', id, 'externalId', external_id, 'channel', channel, 'status', status,
        'financialStatus', financial_status, 'onHoldReason', on_hold_reason,
        'cancelledAt', floor(extract(epoch from cancelled_at) * 1000), 'placedAt', floor(extract(epoch from placed_at) * 1000),
        'countryCode', country_code, 'zip', zip, 'latitude', latitude, 'longitude', longitude,
        'shippingRateCode', shipping_rate_code, 'shippingRateTitle', shipping_rate_title, 'deliverBy', deliver_by)
        from o) as "order",
      (select coalesce(json_agg(json_build_object('id', id, 'sku', sku, 'currentQuantity', current_quantity,
        'unitPrice', unit_price::text, 'requiresShipping', requires_shipping) order by id), '[]') from l) as lines,
      (select coalesce(json_agg(json_build_object('status', a.status, 'attempt', a.attempt, 'warehouseId', a.warehouse_id,
        'orderLineId', al.order_line_id, 'quantity', al.quantity)), '[]')
        from allocations a
        left join allocation_lines al on al.shop_id = a.shop_id and al.allocation_id = a.id
        where a.shop_id = ${shopId} and a.order_id = ${orderId}) as allocations,
      (select coalesce(json_agg(json_build_object('orderLineId', order_line_id, 'quantity', quantity, 'status', status)), '[]')
        from backorders
        where shop_id = ${shopId} and order_id = ${orderId} and status in ('open', 'cancelled')) as backorders,
      (select coalesce(json_agg(json_build_object('id', id, 'sku', sku)), '[]') from s) as skus,
      (select coalesce(json_agg(json_build_object('warehouseId', warehouse_id, 'skuId', sku_id, 'onHand', on_hand,
        'reserved', reserved)), '[]')
        from stock_levels where shop_id = ${shopId} and sku_id in (select id from s)) as levels,
      (select coalesce(json_agg(json_build_object('warehouseId', c.warehouse_id, 'n', c.n)), '[]') from (
        select a.warehouse_id, count(*)::int as n
        from allocations a
        join jsonb_to_recordset(${JSON.stringify(shipDays)}::jsonb) as d("warehouseId" bigint, "shipDate" text)
          on a.warehouse_id = d."warehouseId" and a.ship_date = d."shipDate"
        where a.shop_id = ${shopId} and a.status not in ('cancelled', 'rejected')
        group by a.warehouse_id) c) as shipments`);
  const row = rowsOf<SnapshotRow>(result)[0]!;
  const order = row.order
    ? {
        ...row.order,
        placedAt: new Date(row.order.placedAt),
        cancelledAt: row.order.cancelledAt === null ? null : new Date(row.order.cancelledAt),
      }
    : undefined;
  return {
    order,
    lines: row.lines,
    history: routingHistoryOf(row.allocations, row.backorders),
    skuIdByCode: new Map(row.skus.map((s) => [s.sku, s.id])),
    levels: row.levels,
    shipments: new Map(row.shipments.map((s) => [s.warehouseId, s.n])),
  };
}

function routingHistoryOf(rows: SnapshotRow['allocations'], held: SnapshotRow['backorders']): RoutingHistory {
  const covered = new Map<number, number>();
  const rejectedBy = new Set<number>();
  let attempt = 0;
  for (const r of rows) {
    attempt = Math.max(attempt, r.attempt);
    if (r.status === 'rejected') rejectedBy.add(r.warehouseId);
    if (!voidStatuses.includes(r.status as (typeof voidStatuses)[number]) && r.orderLineId !== null)
      covered.set(r.orderLineId, (covered.get(r.orderLineId) ?? 0) + (r.quantity ?? 0));
  }
  const given = new Map<number, number>();
  for (const b of held) if (b.status === 'cancelled') given.set(b.orderLineId, b.quantity);
  return {
    covered,
    rejectedBy,
    nextAttempt: attempt + 1,
    given,
    openBackorders: held.some((b) => b.status === 'open'),
  };
}
