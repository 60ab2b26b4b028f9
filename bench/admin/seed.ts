import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createWarehousesRepo } from '../../core/db/warehouses-repo.js';
import { defaultRules, planRoute } from '../../core/domain/routing/index.js';
import { toRoutingOrder, toRoutingWarehouse } from '../../core/use-cases/routing/to-routing-input.js';
import { note } from '../lib/args.js';

export const BENCH_SHOP = 'admin-bench.myshopify.com';
const SKUS = 2000;

/**
 * One shop of `n` orders placed over the past year, in set-based SQL: ~1.9 lines per order, one
 * allocation (with a real routing trace) per routed order, a shipment per shipped allocation, ~1.3
 * tracking events per shipment and ~5.3 audit rows per order. The newest 1% are still in flight
 * (pending, held, routed, dispatched...), older orders are shipped, delivered or cancelled. Orders
 * come in pairs sharing `placed_at`, so keyset pagination has ties to get right.
 */
export async function seedAdminShop(database: Database, n: number): Promise<{ shopId: number }> {
  const q = (s: ReturnType<typeof sql>) => database.query(s);
  const step = async (label: string, s: ReturnType<typeof sql>) => {
    const t = Date.now();
    await q(s);
    note(`seed ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const [shop] = await database.query<{ id: number }>(
    sql`insert into shops (domain, name, timezone) values (${BENCH_SHOP}, 'Admin bench', 'Europe/Paris') returning id`,
  );
  const shopId = Number(shop!.id);
  const zones = JSON.stringify([
    { code: 'FR', countries: ['FR'] },
    { code: 'EU', countries: ['BE', 'DE', 'ES', 'IT'] },
  ]);
  const levels = JSON.stringify([{ code: 'standard', name: 'Standard', transitDays: { FR: 2, EU: 4 } }]);
  await q(sql`insert into warehouses (shop_id, name, code, address, latitude, longitude, zones, service_levels)
    select ${shopId}, w.name, w.code, jsonb_build_object('countryCode', 'FR', 'city', w.city), w.lat, w.lon, ${zones}::jsonb, ${levels}::jsonb
    from (values ('Lyon', 'LYS', 'Lyon', 45.76, 4.84), ('Lille', 'LIL', 'Lille', 50.63, 3.06), ('Bordeaux', 'BOD', 'Bordeaux', 44.84, -0.58)) w(name, code, city, lat, lon)`);
  await q(sql`insert into skus (shop_id, sku, title, price, unit_cost, supplier)
    select ${shopId}, 'SKU-' || g, 'Article ' || g, (5 + g % 200)::numeric, (2 + g % 90)::numeric, 'Fournisseur ' || (g % 40) from generate_series(1, ${SKUS}) g`);
  await q(sql`insert into stock_levels (shop_id, warehouse_id, sku_id, on_hand, reserved)
    select ${shopId}, w.id, s.id, (s.id * 7 + w.id * 13) % 120, 0 from skus s cross join warehouses w where s.shop_id = ${shopId} and w.shop_id = ${shopId}`);

  const recent = Math.max(50, Math.round(n * 0.01));
  // orders: placed over a year, oldest first; pairs share an instant
  await step(
    'orders',
    sql`insert into orders (shop_id, channel, external_id, name, status, financial_status, email, shipping_address, country_code, zip, latitude, longitude,
      total_price, placed_at, source_updated_at, cancelled_at)
    select ${shopId}, case when g % 7 = 0 then 'amazon' else 'shopify' end, 'ext-' || g, '#' || (1000 + g), s.status, 'paid', 'c' || g || '@example.com',
      jsonb_build_object('city', c.city, 'countryCode', 'FR', 'zip', c.zip, 'address1', g || ' rue de la Paix', 'firstName', 'Client', 'lastName', 'N' || g),
      'FR', c.zip, c.lat, c.lon, (10 + g % 190)::numeric, p.at, p.at, case when s.status = 'cancelled' then p.at + interval '1 hour' end
    from generate_series(1, ${n}) g
    cross join lateral (select date_trunc('second', now() - interval '365 days' * (1 - ((g / 2) * 2)::float8 / ${n}) - interval '10 minutes') as at) p
    cross join lateral (select case
      when g > ${n - recent} then (array['pending', 'pending', 'on_hold', 'backordered', 'routed', 'routed', 'dispatched', 'dispatched', 'partially_shipped', 'shipped'])[1 + g % 10]
      when g % 100 < 3 then 'cancelled' when g % 100 = 3 then 'fulfilled_elsewhere' when g % 100 < 40 then 'shipped' else 'delivered' end as status) s
    cross join lateral (select (array['Paris', 'Lyon', 'Marseille', 'Nantes', 'Lille'])[1 + g % 5] as city, (array['75011', '69003', '13001', '44000', '59000'])[1 + g % 5] as zip,
      (array[48.86, 45.76, 43.30, 47.22, 50.63])[1 + g % 5] as lat, (array[2.35, 4.84, 5.37, -1.55, 3.06])[1 + g % 5] as lon) c`,
  );
  // lines: 1.9 per order; SKU-1 is the best seller (one order in twenty)
  await step(
    'order lines',
    sql`insert into order_lines (shop_id, order_id, external_id, sku, title, quantity, current_quantity, unit_price)
    select ${shopId}, o.id, 'line-' || o.id || '-' || k, s.sku, 'Article', 1 + (o.id + k) % 3, 1 + (o.id + k) % 3, (5 + o.id % 50)::numeric
    from orders o cross join lateral generate_series(1, case when o.id % 10 = 0 then 1 else 2 end) k
    cross join lateral (select case when k = 1 and o.id % 20 = 0 then 'SKU-1' else 'SKU-' || (2 + (o.id * 7 + k * 131) % ${SKUS - 1}) end as sku) s
    where o.shop_id = ${shopId}`,
  );

  // one real trace from the router, stored with every allocation (they all look alike in size)
  const [first] = await createOrdersRepo(database.db).recentSince(shopId, new Date(0), 1);
  const lines = await createOrdersRepo(database.db).lines(shopId, first!.id);
  const whRows = await createWarehousesRepo(database.db).list(shopId, { activeOnly: true });
  const plan = planRoute(
    toRoutingOrder(
      first!,
      lines.map((line) => ({ line, quantity: line.currentQuantity })),
    ),
    whRows.map((w) => toRoutingWarehouse(w, { 'SKU-1': 100 }, 0)),
    defaultRules(),
    first!.placedAt,
  );
  const trace = JSON.stringify(plan.trace);

  await step(
    'allocations',
    sql`insert into allocations (shop_id, order_id, warehouse_id, status, trace, promised_ship_by, promised_delivery_by, ship_date, service_level, cost, distance_km,
      idempotency_key, dispatched_at, acknowledged_at, created_at, updated_at)
    select ${shopId}, o.id, w.ids[1 + o.id % 3], a.status, ${trace}::jsonb, o.placed_at + interval '1 day', o.placed_at + interval '3 days',
      to_char(o.placed_at + interval '1 day', 'YYYY-MM-DD'), 'standard', (4 + o.id % 6)::numeric, 100 + o.id % 500, 'bench-' || o.id,
      case when a.status not in ('reserved', 'ready', 'cancelled') then o.placed_at + interval '5 minutes' end,
      case when a.status in ('acknowledged', 'partially_shipped', 'shipped') then o.placed_at + (20 + o.id % 120) * interval '1 minute' end,
      o.placed_at + interval '1 minute', o.placed_at + interval '1 minute'
    from orders o
    cross join (select array_agg(id order by id) as ids from warehouses where shop_id = ${shopId}) w
    cross join lateral (select case o.status when 'routed' then (case when o.id % 2 = 0 then 'reserved' else 'ready' end)
      when 'dispatched' then (case when o.id % 2 = 0 then 'leased' else 'acknowledged' end) when 'partially_shipped' then 'partially_shipped'
      when 'shipped' then 'shipped' when 'delivered' then 'shipped' when 'cancelled' then 'cancelled' end as status) a
    where o.shop_id = ${shopId} and a.status is not null`,
  );
  // the overview's hand-over rollup, as the allocations repository keeps it on each acknowledgement
  await step(
    'hand-over rollup',
    sql`insert into order_handovers (order_id, shop_id, acknowledged_at, minutes)
    select a.order_id, ${shopId}, min(a.acknowledged_at), extract(epoch from (min(a.acknowledged_at) - o.placed_at)) / 60.0
    from allocations a join orders o on o.id = a.order_id
    where a.shop_id = ${shopId} and a.acknowledged_at is not null group by a.order_id, o.placed_at`,
  );
  await step(
    'allocation lines',
    sql`insert into allocation_lines (shop_id, allocation_id, order_line_id, sku_id, quantity, shipped_quantity)
    select ${shopId}, a.id, l.id, s.id, l.quantity, case when a.status = 'shipped' then l.quantity else 0 end
    from allocations a join order_lines l on l.order_id = a.order_id join skus s on s.shop_id = ${shopId} and s.sku = l.sku
    where a.shop_id = ${shopId}`,
  );
  await step(
    'shipments',
    sql`insert into shipments (shop_id, allocation_id, idempotency_key, carrier, tracking_numbers, tracking_urls, status, shipped_at, delivered_at, push_status, created_at, updated_at)
    select ${shopId}, a.id, 'ship-' || a.id, 'colissimo', array['6A' || lpad(a.id::text, 11, '0')], array['https://www.laposte.fr/outils/suivre-vos-envois?code=6A' || lpad(a.id::text, 11, '0')],
      case when o.status = 'delivered' then 'delivered' else 'in_transit' end, o.placed_at + interval '20 hours',
      case when o.status = 'delivered' then o.placed_at + interval '3 days' end, 'pushed', o.placed_at + interval '20 hours', o.placed_at + interval '20 hours'
    from allocations a join orders o on o.id = a.order_id where a.shop_id = ${shopId} and a.status in ('shipped', 'partially_shipped')`,
  );
  await step(
    'tracking events',
    sql`insert into tracking_events (shop_id, shipment_id, status, occurred_at, description, location, push_status)
    select ${shopId}, s.id, e.status, e.at, e.status, 'Hub', 'pushed'
    from shipments s cross join lateral (values ('in_transit', s.shipped_at + interval '6 hours'), ('delivered', s.shipped_at + interval '2 days')) e(status, at)
    where s.shop_id = ${shopId} and (e.status = 'in_transit' or s.id % 10 < 3)`,
  );
  await step(
    'audit log',
    sql`insert into audit_log (shop_id, entity, entity_id, action, actor, data, created_at)
    select ${shopId}, 'order', o.id::text, (array['imported', 'routed', 'dispatched', 'acknowledged', 'shipped', 'delivered'])[k], 'system', '{}'::jsonb, o.placed_at + k * interval '1 minute'
    from orders o cross join lateral generate_series(1, case when o.id % 10 < 3 then 6 else 5 end) k where o.shop_id = ${shopId}`,
  );
  await step('vacuum analyze', sql`vacuum analyze`);
  return { shopId };
}
