import { and, asc, eq, gte, sql, type SQL } from 'drizzle-orm';
import { allocations, orders, shipments, shops } from '../../drizzle/schema/index.js';
import type { AllocationRow } from './allocations-repo.js';
import type { DbOrTx } from './client.js';
import type { OrderRow } from './orders-repo.js';
import type { ShippedLine, Shipment, TrackingEvent } from './shipments-repo.js';
import type { Shop } from './shops-repo.js';
import { fromJson } from './from-json.js';
import { rowsOf } from './rows-of.js';

/** Everything one push of a shipment to its channel reads, in one statement. */
export interface ShipmentPushView {
  shipment: Shipment;
  /** not the routing trace, which a push never reads and which is the row's largest value */
  allocation: Pick<
    AllocationRow,
    'id' | 'orderId' | 'warehouseId' | 'locationExternalId' | 'fulfillmentOrderExternalId'
  >;
  order: OrderRow;
  shop: Shop;
  /** the shipped units as Shopify knows them */
  shipped: ShippedLine[];
  /** carrier events not yet sent, oldest first */
  pending: TrackingEvent[];
  /** the shipping e-mail's sender, decided with the shipment; null when not decided yet */
  mailSender: 'app' | 'shopify' | null;
}

/** A shipment whose scans are due, with what its push needs. */
export interface DueScans {
  shipmentId: number;
  orderId: number;
  fulfillmentId: string;
  shopDomain: string;
  /** scans still to push, oldest first */
  scans: Pick<TrackingEvent, 'id' | 'status' | 'occurredAt' | 'description' | 'location'>[];
}
/** A mark for a scan: pushed, superseded by a newer one, or given up on. */
export type ScanMark = { id: number; status: 'pushed' | 'skipped' | 'failed' };
/** An audit entry for a shipment's scans, written with their marks. */
export type ScanAudit = { shipmentId: number; orderId: number; action: string; data: Record<string, unknown> };
type DueScanJson = Omit<DueScans['scans'][number], 'occurredAt'> & { occurredAt: string };

type PendingJson = Omit<TrackingEvent, 'occurredAt' | 'createdAt'> & { occurredAt: string; createdAt: string };

export function createTrackingPushQueries(db: DbOrTx) {
  return {
    async load(shopId: number, shipmentId: number): Promise<ShipmentPushView | undefined> {
      const [view] = await views(db, shopId, eq(shipments.id, shipmentId));
      return view;
    },

    /**
     * The shop's shipments still to push that were recorded since `since`, oldest first, at most
     * `limit`: what a tick's push run takes (older ones are the sweeper's, one job each).
     */
    async loadNew(shopId: number, since: Date, limit: number): Promise<ShipmentPushView[]> {
      return views(db, shopId, and(eq(shipments.pushStatus, 'pending'), gte(shipments.createdAt, since))!, limit);
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
      return fromJson<PendingJson[]>(rows[0]?.events ?? '[]').map(toEvent);
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

    /**
     * The shop's shipments whose carrier scans are due, oldest first: with a fulfillment to carry
     * them, and delivered, or past the window (`windowMs`, counted from the shipment) of their
     * oldest scan still to push. Each with those scans, oldest first.
     */
    async dueScans(shopId: number, now: Date, windowMs: number, limit: number): Promise<DueScans[]> {
      // which shipments are due is read from the pending scans' keys; only those build their list
      const result = await db.execute(sql`
        with due as (
          select sh.id, sh.allocation_id, sh.fulfillment_external_id, min(t.created_at) as first_at
          from tracking_events t
          join shipments sh on sh.id = t.shipment_id and sh.shop_id = ${shopId}
          where t.shop_id = ${shopId} and t.push_status = 'pending' and sh.fulfillment_external_id is not null
          group by sh.id
          having sh.status = 'delivered'
              or ${now.toISOString()}::timestamptz >= sh.created_at + make_interval(secs =>
                   (floor(extract(epoch from (min(t.created_at) - sh.created_at)) * 1000 / ${windowMs}) + 1) * ${windowMs} / 1000.0)
          order by first_at
          limit ${limit}
        )
        select d.id as shipment_id, a.order_id, d.fulfillment_external_id, s.domain,
               (select json_agg(json_build_object('id', t.id, 'status', t.status, 'occurredAt', t.occurred_at,
                         'description', t.description, 'location', t.location) order by t.occurred_at, t.id)
                from tracking_events t
                where t.shop_id = ${shopId} and t.shipment_id = d.id and t.push_status = 'pending') as scans
        from due d
        join allocations a on a.id = d.allocation_id and a.shop_id = ${shopId}
        join shops s on s.id = ${shopId}
        order by d.first_at`);
      return rowsOf<{
        shipment_id: string | number;
        order_id: string | number;
        fulfillment_external_id: string;
        scans: unknown;
        domain: string;
      }>(result).map((r) => ({
        shipmentId: Number(r.shipment_id),
        orderId: Number(r.order_id),
        fulfillmentId: r.fulfillment_external_id,
        shopDomain: r.domain,
        scans: fromJson<DueScanJson[]>(r.scans).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
      }));
    },

    /**
     * Scans pushed (the newest of each shipment) or superseded (the older ones), and those given
     * up on: one statement, with an audit entry per shipment whose scans it marked. A scan
     * marked by another run meanwhile is left as that run marked it.
     */
    async recordScansPushed(shopId: number, marks: ScanMark[], audits: ScanAudit[]): Promise<void> {
      if (marks.length === 0) return;
      await db.execute(sql`
        with m as (
          select * from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as x(id bigint, status text)
        ),
        marked as (
          update tracking_events t set push_status = m.status
          from m
          where t.shop_id = ${shopId} and t.id = m.id and t.push_status = 'pending'
          returning t.shipment_id
        ),
        au as (
          select * from jsonb_to_recordset(${JSON.stringify(audits)}::jsonb)
            as x("shipmentId" bigint, "orderId" bigint, action text, data jsonb)
        )
        insert into audit_log (shop_id, entity, entity_id, action, actor, data)
        select ${shopId}, 'order', au."orderId"::text, au.action, 'fulfill', au.data
        from au
        where au."shipmentId" in (select shipment_id from marked)`);
    },
  };
}
export type TrackingPushQueries = ReturnType<typeof createTrackingPushQueries>;

/** Shipments of the shop with everything their push reads, in one statement. */
async function views(db: DbOrTx, shopId: number, where: SQL, limit?: number): Promise<ShipmentPushView[]> {
  const query = db
    .select({
      shipment: shipments,
      allocation: {
        id: allocations.id,
        orderId: allocations.orderId,
        warehouseId: allocations.warehouseId,
        locationExternalId: allocations.locationExternalId,
        fulfillmentOrderExternalId: allocations.fulfillmentOrderExternalId,
      },
      order: orders,
      shop: shops,
      shipped: sql<ShippedLine[]>`(
        select coalesce(json_agg(json_build_object('lineItemId', ol.external_id, 'quantity', sl.quantity,
                 'foId', al.fo_external_id, 'foLineId', al.fo_line_external_id) order by sl.id), '[]'::json)
        from shipment_lines sl
        join allocation_lines al on al.id = sl.allocation_line_id
        join order_lines ol on ol.id = al.order_line_id
        where sl.shop_id = ${shopId} and sl.shipment_id = ${shipments.id})`.mapWith(fromJson<ShippedLine[]>),
      pending: sql<PendingJson[]>`(
        select coalesce(json_agg(json_build_object('id', t.id, 'shopId', t.shop_id, 'shipmentId', t.shipment_id,
                 'status', t.status, 'occurredAt', t.occurred_at, 'description', t.description,
                 'location', t.location, 'pushStatus', t.push_status, 'createdAt', t.created_at)
                 order by t.occurred_at, t.id), '[]'::json)
        from tracking_events t
        where t.shop_id = ${shopId} and t.shipment_id = ${shipments.id} and t.push_status = 'pending')`.mapWith(
        fromJson<PendingJson[]>,
      ),
      mailSender: sql<'app' | 'shopify' | null>`(
        select m.sender from email_outbox m
        where m.shop_id = ${shopId} and m.subject_key = 'shipment:' || ${shipments.id} and m.kind = 'shipped')`,
    })
    .from(shipments)
    .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
    .innerJoin(orders, eq(orders.id, allocations.orderId))
    .innerJoin(shops, eq(shops.id, shipments.shopId))
    .where(and(eq(shipments.shopId, shopId), where))
    .orderBy(asc(shipments.createdAt), asc(shipments.id));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map((row) => ({ ...row, pending: row.pending.map(toEvent) }));
}

function toEvent(e: PendingJson): TrackingEvent {
  return { ...e, occurredAt: new Date(e.occurredAt), createdAt: new Date(e.createdAt) };
}
