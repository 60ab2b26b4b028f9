import { and, eq, sql } from 'drizzle-orm';
import { allocations, orders, shipments, shops } from '../../drizzle/schema/index.js';
import type { AllocationRow } from './allocations-repo.js';
import type { DbOrTx } from './client.js';
import type { OrderRow } from './orders-repo.js';
import type { ShippedLine, Shipment, TrackingEvent } from './shipments-repo.js';
import type { Shop } from './shops-repo.js';
import { rowsOf } from './rows-of.js';

/** Everything one push of a shipment to its channel reads, in one statement. */
export interface ShipmentPushView {
  shipment: Shipment;
  allocation: AllocationRow;
  order: OrderRow;
  shop: Shop;
  /** the shipped units as Shopify knows them */
  shipped: ShippedLine[];
  /** carrier events not yet sent, oldest first */
  pending: TrackingEvent[];
  /** the shipping e-mail's sender, decided with the shipment; null when not decided yet */
  mailSender: 'app' | 'shopify' | null;
}

type PendingJson = Omit<TrackingEvent, 'occurredAt' | 'createdAt'> & { occurredAt: string; createdAt: string };

/** postgres.js hands json as text through drizzle; PGlite parses it. */
const json =
  <T>() =>
  (v: unknown): T =>
    (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function createTrackingPushQueries(db: DbOrTx) {
  return {
    async load(shopId: number, shipmentId: number): Promise<ShipmentPushView | undefined> {
      const [row] = await db
        .select({
          shipment: shipments,
          allocation: allocations,
          order: orders,
          shop: shops,
          shipped: sql<ShippedLine[]>`(
            select coalesce(json_agg(json_build_object('lineItemId', ol.external_id, 'quantity', sl.quantity,
                     'foId', al.fo_external_id, 'foLineId', al.fo_line_external_id) order by sl.id), '[]'::json)
            from shipment_lines sl
            join allocation_lines al on al.id = sl.allocation_line_id
            join order_lines ol on ol.id = al.order_line_id
            where sl.shop_id = ${shopId} and sl.shipment_id = ${shipments.id})`.mapWith(json<ShippedLine[]>()),
          pending: sql<PendingJson[]>`(
            select coalesce(json_agg(json_build_object('id', t.id, 'shopId', t.shop_id, 'shipmentId', t.shipment_id,
                     'status', t.status, 'occurredAt', t.occurred_at, 'description', t.description,
                     'location', t.location, 'pushStatus', t.push_status, 'createdAt', t.created_at)
                     order by t.occurred_at, t.id), '[]'::json)
            from tracking_events t
            where t.shop_id = ${shopId} and t.shipment_id = ${shipments.id} and t.push_status = 'pending')`.mapWith(
            json<PendingJson[]>(),
          ),
          mailSender: sql<'app' | 'shopify' | null>`(
            select m.sender from email_outbox m
            where m.shop_id = ${shopId} and m.subject_key = 'shipment:' || ${shipments.id} and m.kind = 'shipped')`,
        })
        .from(shipments)
        .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
        .innerJoin(orders, eq(orders.id, allocations.orderId))
        .innerJoin(shops, eq(shops.id, shipments.shopId))
        .where(and(eq(shipments.shopId, shopId), eq(shipments.id, shipmentId)));
      if (!row) return undefined;
      return { ...row, pending: row.pending.map(toEvent) };
    },

    /** Carrier events not yet sent, read again once the fulfillment is marked (scans that rode on this push). */
    async pendingEvents(shopId: number, shipmentId: number): Promise<TrackingEvent[]> {
      const result = await db.execute(sql`
        select coalesce(json_agg(json_build_object('id', t.id, 'shopId', t.shop_id, 'shipmentId', t.shipment_id,
                 'status', t.status, 'occurredAt', t.occurred_at, 'description', t.description,
                 'location', t.location, 'pushStatus', t.push_status, 'createdAt', t.created_at)
                 order by t.occurred_at, t.id), '[]'::json) as events
        from tracking_events t
        where t.shop_id = ${shopId} and t.shipment_id = ${shipmentId} and t.push_status = 'pending'`);
      const rows = rowsOf<{ events: unknown }>(result);
      return json<PendingJson[]>()(rows[0]?.events ?? '[]').map(toEvent);
    },

    /** The channel's fulfillment now carries the shipment, with its audit entry: one statement. */
    async recordFulfillment(
      m: { shopId: number; orderId: number; shipmentId: number; fulfillmentId: string },
      audit: Record<string, unknown>,
    ): Promise<void> {
      await db.execute(sql`
        with marked as (
          update shipments set fulfillment_external_id = ${m.fulfillmentId}, push_status = 'pushed',
                 push_result = ${JSON.stringify({ fulfillmentId: m.fulfillmentId })}::jsonb, updated_at = now()
          where shop_id = ${m.shopId} and id = ${m.shipmentId}
          returning id
        )
        insert into audit_log (shop_id, entity, entity_id, action, actor, data)
        select ${m.shopId}, 'order', ${String(m.orderId)}, 'tracking_pushed', 'fulfill', ${JSON.stringify(audit)}::jsonb
        from marked`);
    },

    /** The newest event was sent, the older ones superseded, with the audit entry: one statement. */
    async recordEventsPushed(
      m: { shopId: number; orderId: number; pushedId: number; supersededIds: number[] },
      audit: Record<string, unknown>,
    ): Promise<void> {
      await db.execute(sql`
        with marked as (
          update tracking_events set push_status = case when id = ${m.pushedId} then 'pushed' else 'skipped' end
          where shop_id = ${m.shopId} and id = any(${`{${[m.pushedId, ...m.supersededIds].map((i) => Math.trunc(i)).join(',')}}`}::bigint[])
          returning id
        )
        insert into audit_log (shop_id, entity, entity_id, action, actor, data)
        select ${m.shopId}, 'order', ${String(m.orderId)}, 'tracking_events_pushed', 'fulfill', ${JSON.stringify(audit)}::jsonb
        where exists (select 1 from marked)`);
    },
  };
}
export type TrackingPushQueries = ReturnType<typeof createTrackingPushQueries>;

function toEvent(e: PendingJson): TrackingEvent {
  return { ...e, occurredAt: new Date(e.occurredAt), createdAt: new Date(e.createdAt) };
}
