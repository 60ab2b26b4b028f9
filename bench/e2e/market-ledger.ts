import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.js';
import { CHANNEL_ORDER_TOPIC, channelInboxSource } from '../../core/integrations/channels/inbox-body.js';
import { pct } from './measure.js';
import { CHANNEL_CODE, type MarketplaceKind, type Marketplaces } from './marketplaces.js';
import type { MarketPlaced } from './workload.js';

/** One marketplace's share of the run: every order placed there must end backordered, or dispatched, shipped and confirmed shipped on the marketplace. */
export interface ChannelLedger {
  generated: number;
  /** orders whose version reached our inbox (the marketplace's hand-over) */
  taken: number;
  persisted: number;
  dispatched: number;
  backordered: number;
  dead_lettered: number;
  /** dispatched orders the 3PL shipped */
  shipped: number;
  /** shipped orders the marketplace shows shipped, with our tracking */
  confirmed: number;
  dispatch_p50: number | null;
  dispatch_p99: number | null;
  balanced: boolean;
}

const idArray = (placed: MarketPlaced[]) => `{${placed.map((p) => p.orderId).join(',')}}`;

export async function marketplaceLedger(
  database: Database,
  mk: Marketplaces,
  placed: MarketPlaced[],
): Promise<Record<MarketplaceKind, ChannelLedger>> {
  const out = {} as Record<MarketplaceKind, ChannelLedger>;
  for (const kind of ['mirakl', 'amazon'] as const) {
    const mine = placed.filter((p) => p.kind === kind);
    const ids = idArray(mine);
    const source = channelInboxSource(mk.accountId[kind]);
    const rows = await database.query<{
      external_id: string;
      status: string;
      dispatched_at: string | null;
      shipped: boolean;
    }>(sql`
      select o.external_id, o.status,
        (select min(a.dispatched_at) from allocations a where a.order_id = o.id and a.status not in ('reserved', 'cancelled', 'rejected')) as dispatched_at,
        exists (select 1 from shipments s join allocations a on a.id = s.allocation_id where a.order_id = o.id) as shipped
      from orders o where o.channel = ${CHANNEL_CODE[kind]} and o.external_id = any(${ids}::text[])`);
    const [inbox] = await database.query<{ taken: number; dead: number }>(sql`
      select count(distinct split_part(event_id, '@', 1))::int as taken,
             count(distinct split_part(event_id, '@', 1)) filter (where status = 'dead')::int as dead
      from inbox_events where source = ${source} and topic = ${CHANNEL_ORDER_TOPIC}
        and split_part(event_id, '@', 1) = any(${ids}::text[])`);
    const scheduled = new Map(mine.map((p) => [p.orderId, p.scheduledAt]));
    const dispatched = rows.filter((r) => r.dispatched_at);
    const shipped = rows.filter((r) => r.shipped);
    const dispatchMs = dispatched.map((r) => new Date(r.dispatched_at!).getTime() - scheduled.get(r.external_id)!);
    const l: ChannelLedger = {
      generated: mine.length,
      taken: Number(inbox?.taken ?? 0),
      persisted: rows.length,
      dispatched: dispatched.length,
      backordered: rows.filter((r) => !r.dispatched_at && r.status === 'backordered').length,
      dead_lettered: Number(inbox?.dead ?? 0),
      shipped: shipped.length,
      confirmed: shipped.filter((r) => mk.confirmed(kind, r.external_id)).length,
      dispatch_p50: pct(dispatchMs, 50),
      dispatch_p99: pct(dispatchMs, 99),
      balanced: false,
    };
    l.balanced =
      l.generated === l.taken &&
      l.taken === l.persisted &&
      l.persisted === l.dispatched + l.backordered + l.dead_lettered &&
      l.confirmed === l.dispatched;
    out[kind] = l;
  }
  return out;
}

/** Marketplace orders not yet settled: not dispatched or backordered, dispatched and not shipped, or shipped and not confirmed on the marketplace. */
export async function marketplaceUnsettled(database: Database, mk: Marketplaces, placed: MarketPlaced[]) {
  const l = await marketplaceLedger(database, mk, placed);
  return Object.values(l).reduce((n, c) => n + (c.generated - c.backordered - c.dead_lettered - c.confirmed), 0);
}
