import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.js';
import type { ShopifySim } from '../../sim/shopify/index.js';
import type { Placed } from './workload.js';

export const pct = (xs: number[], p: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

export interface Ledger {
  generated: number;
  acknowledged: number;
  persisted: number;
  dispatched: number;
  backordered: number;
  dead_lettered: number;
  duplicate_dispatches: number;
  balanced: boolean;
}

/** Webhook ack times and the set of orders whose orders/create was acknowledged. */
export function ackStats(sim: ShopifySim, placed: Placed[]) {
  const wanted = new Set(placed.map((p) => p.gid));
  const acked = new Set<string>();
  const ackMs: number[] = [];
  for (const d of sim.webhookLog({ topic: 'orders/create' })) {
    const ok = d.attempts.find((a) => a.status !== null && a.status >= 200 && a.status < 300);
    if (!ok) continue;
    ackMs.push(ok.ms);
    const gid = (/"admin_graphql_api_id":"(gid:\/\/shopify\/Order\/\d+)"/.exec(d.body) ?? [])[1];
    if (gid && wanted.has(gid)) acked.add(gid);
  }
  return { acked, ackMs };
}

/**
 * The ledger that must balance or the run is void: generated = acknowledged = persisted =
 * dispatched + backordered + dead-lettered, and no line ever allocated beyond what was ordered.
 */
export async function ledger(
  database: Database,
  sim: ShopifySim,
  placed: Placed[],
): Promise<{ ledger: Ledger; dispatchMs: number[]; trackingMs: number[]; pickupMs: number[] }> {
  const gids = placed.map((p) => p.gid);
  const scheduled = new Map(placed.map((p) => [p.gid, p.scheduledAt]));
  const { acked } = ackStats(sim, placed);
  const rows = await database.query<{ external_id: string; status: string; dispatched_at: string | null }>(sql`
    select o.external_id, o.status,
      (select min(a.dispatched_at) from allocations a where a.order_id = o.id and a.status not in ('reserved', 'cancelled', 'rejected')) as dispatched_at
    from orders o where o.external_id = any(${`{${gids.join(',')}}`}::text[])`);
  const dispatched = rows.filter((r) => r.dispatched_at);
  const backordered = rows.filter((r) => !r.dispatched_at && r.status === 'backordered');
  const [dead] = await database.query<{ n: number }>(
    sql`select count(*)::int as n from inbox_events where status = 'dead' and topic = 'orders/create'`,
  );
  const [over] = await database.query<{ n: number }>(sql`
    select count(*)::int as n from order_lines l
    where (select coalesce(sum(al.quantity), 0) from allocation_lines al join allocations a on a.id = al.allocation_id
           where al.order_line_id = l.id and a.status not in ('cancelled', 'rejected')) > l.current_quantity`);
  const tracking = await database.query<{ ms: number }>(sql`
    select extract(epoch from (min(e.created_at) - s.created_at)) * 1000 as ms from shipments s
    join audit_log e on e.action = 'tracking_pushed' and (e.data->>'shipmentId')::bigint = s.id group by s.id, s.created_at`);
  // from the hand-over (the allocation ready in the feed) to the robot's acknowledgement: an upper
  // bound on how long a new allocation takes to reach the 3PL, lease and ack calls included
  const pickup = await database.query<{ ms: number }>(sql`
    select extract(epoch from (a.acknowledged_at - a.dispatched_at)) * 1000 as ms from allocations a
    join orders o on o.id = a.order_id
    where o.external_id = any(${`{${gids.join(',')}}`}::text[]) and a.dispatched_at is not null and a.acknowledged_at is not null`);
  const l: Ledger = {
    generated: placed.length,
    acknowledged: acked.size,
    persisted: rows.length,
    dispatched: dispatched.length,
    backordered: backordered.length,
    dead_lettered: Number(dead?.n ?? 0),
    duplicate_dispatches: Number(over?.n ?? 0),
    balanced: false,
  };
  l.balanced =
    l.generated === l.acknowledged &&
    l.acknowledged === l.persisted &&
    l.persisted === l.dispatched + l.backordered + l.dead_lettered &&
    l.duplicate_dispatches === 0;
  return {
    ledger: l,
    dispatchMs: dispatched.map((r) => new Date(r.dispatched_at!).getTime() - scheduled.get(r.external_id)!),
    trackingMs: tracking.map((t) => Number(t.ms)),
    pickupMs: pickup.map((p) => Number(p.ms)),
  };
}

/** Orders the app has yet to settle: when this reaches zero the pipeline has drained. */
export async function unsettled(database: Database, placed: Placed[]): Promise<number> {
  const [r] = await database.query<{ n: number }>(sql`
    select ${placed.length}::int - count(*)::int as n from orders o
    where o.external_id = any(${`{${placed.map((p) => p.gid).join(',')}}`}::text[])
      and (o.status = 'backordered' or exists (select 1 from allocations a where a.order_id = o.id and a.status not in ('reserved', 'cancelled', 'rejected')))`);
  return Number(r?.n ?? placed.length);
}
