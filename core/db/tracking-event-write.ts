import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import type { EmailStatus } from './email-outbox-repo.js';
import type { TrackingStatus } from './shipments-repo.js';
import type { StoredAnswer } from './feed-idempotency-repo.js';
import { rowsOf } from './rows-of.js';

/** A carrier event as the 3PL reported it. */
export interface CarrierEventInput {
  shopId: number;
  warehouseId: number;
  shipmentId: number;
  status: TrackingStatus;
  occurredAt: Date;
  description: string | null;
  location: string | null;
  /** the audit entry's data */
  audit: Record<string, unknown>;
  /** the customer e-mail this step may owe (out for delivery, delivered), decided with the event */
  mailKind: 'out_for_delivery' | 'delivered' | null;
  /**
   * The feed's idempotency record of the request. Its stored answer is looked up first: when
   * there is one nothing is written and it is answered (`storedAnswer`). Else the answer is
   * stored with the event, its body `{ created, status }` as the statement answers them.
   * Nothing is stored when the shipment is not found.
   */
  answer?: { warehouseId: number; scope: string; key: string; requestHash: string; statusCode: number };
}

/** What recording the event changed, and what the caller must queue after it. */
export interface CarrierEventWritten {
  /** null when the same (status, instant) was already recorded: nothing changed */
  eventId: number | null;
  /** the shipment's status after the event (its newest event's; delivered is final) */
  status: string;
  /** the shipment was already delivered before this event */
  wasDelivered: boolean;
  /** the order came from a marketplace: scans stay with us (recorded as skipped, never pushed) */
  marketplace: boolean;
  /** the sales channel's fulfillment exists; without it the shipment's own push job carries the event */
  fulfilled: boolean;
  pushStatus: 'pending' | 'pushed' | 'failed';
  /** epoch ms the shipment was recorded: the push windows of its events count from there */
  shipmentCreatedAt: number;
  /** the e-mail row written for `mailKind`, copied from the shipment's shipping e-mail */
  mail: { id: number; status: EmailStatus } | null;
  /** `mailKind` was due but the shipment has no shipping e-mail to follow: decide it the long way */
  mailUndecided: boolean;
  /** with `answer`: the answer stored for the key before (then nothing was written), or null */
  storedAnswer: StoredAnswer | null;
}

type Row = {
  event_id: string | number | null;
  status: string;
  was_delivered: boolean;
  channel: string;
  fulfillment_external_id: string | null;
  push_status: CarrierEventWritten['pushStatus'];
  created_ms: string | number;
  mail_id: string | number | null;
  mail_status: EmailStatus | null;
  has_first_mail: boolean;
  stored: { hash: string; status: number; response: unknown } | string | null;
};

/**
 * Records a carrier event in one statement, no transaction: the shipment row is locked first
 * (so events of one parcel, and its push job marking the fulfillment, take turns), then the
 * event, the shipment's status, the order's delivered status, its delays resolved, the audit
 * entry and the customer e-mail of this step. The e-mail follows the shipping e-mail decided
 * with the shipment (same sender, language, page and parcel), with the tracking as it is now,
 * and the feed's answer when asked (unless one was stored: then nothing). No row when the
 * shipment is not this warehouse's.
 */
export async function writeCarrierEvent(db: DbOrTx, e: CarrierEventInput): Promise<CarrierEventWritten | null> {
  const result = await db.execute(sql`
    with s as (
      select sh.id, sh.status, sh.delivered_at, sh.fulfillment_external_id, sh.push_status, sh.created_at,
             a.order_id, a.warehouse_id, o.channel
      from shipments sh
      join allocations a on a.id = sh.allocation_id
      join orders o on o.id = a.order_id
      where sh.shop_id = ${e.shopId} and sh.id = ${e.shipmentId} and a.warehouse_id = ${e.warehouseId}
      for update of sh
    ),
    stored as (
      ${
        e.answer
          ? sql`select json_build_object('hash', k.request_hash, 'status', k.status_code, 'response', k.response) as answer
      from feed_idempotency_keys k
      where k.shop_id = ${e.shopId} and k.warehouse_id = ${e.answer.warehouseId}
        and k.scope = ${e.answer.scope} and k.key = ${e.answer.key}`
          : sql`select null::json as answer where false`
      }
    ),
    ev as (
      insert into tracking_events (shop_id, shipment_id, status, occurred_at, description, location, push_status)
      select ${e.shopId}, s.id, ${e.status}, ${e.occurredAt.toISOString()}::timestamptz, ${e.description}, ${e.location},
             case when s.channel = 'shopify' then 'pending' else 'skipped' end
      from s
      where not exists (select 1 from stored)
      on conflict do nothing
      returning id, occurred_at
    ),
    prev as (
      select t.status, t.occurred_at from tracking_events t join s on t.shipment_id = s.id
      where t.shop_id = ${e.shopId}
      order by t.occurred_at desc, t.id desc limit 1
    ),
    newest as (
      select s.id,
             case when s.status = 'delivered' then 'delivered'
                  when prev.occurred_at is null or ev.occurred_at >= prev.occurred_at then ${e.status}::text
                  else prev.status end as status,
             case when prev.occurred_at is null or ev.occurred_at >= prev.occurred_at then ev.occurred_at
                  else prev.occurred_at end as occurred_at
      from s cross join ev left join prev on true
    ),
    upd as (
      update shipments sh
      set status = newest.status,
          delivered_at = case when newest.status = 'delivered' then coalesce(sh.delivered_at, newest.occurred_at) end,
          updated_at = now()
      from newest where sh.shop_id = ${e.shopId} and sh.id = newest.id
      returning sh.id, sh.status, sh.carrier, sh.tracking_numbers, sh.tracking_urls
    ),
    order_delivered as (
      update orders o set status = 'delivered', updated_at = now()
      from upd, s
      where upd.status = 'delivered' and o.id = s.order_id and o.shop_id = ${e.shopId} and o.status = 'shipped'
        and not exists (
          select 1 from shipments x join allocations xa on xa.id = x.allocation_id
          where xa.order_id = s.order_id and x.shop_id = ${e.shopId} and x.id <> s.id and x.status <> 'delivered')
      returning o.id
    ),
    delays as (
      update shipment_delays d set resolved_at = newest.occurred_at
      from upd, newest
      where upd.status = 'delivered' and d.shop_id = ${e.shopId} and d.shipment_id = newest.id
      returning d.id
    ),
    audit as (
      insert into audit_log (shop_id, entity, entity_id, action, actor, data)
      select ${e.shopId}, 'order', s.order_id::text, ${`tracking_${e.status}`}, 'warehouse:' || s.warehouse_id,
             ${JSON.stringify(e.audit)}::jsonb
      from s cross join ev
    ),
    first_mail as (
      select f.* from email_outbox f join s on f.subject_key = 'shipment:' || s.id
      where f.shop_id = ${e.shopId} and f.kind = 'shipped'
    ),
    mail as (
      insert into email_outbox (shop_id, order_id, shipment_id, subject_key, kind, sender, status, to_address, locale, data, last_error)
      select f.shop_id, f.order_id, f.shipment_id, f.subject_key, ${e.mailKind}::text, f.sender,
             case when f.sender = 'shopify' then 'delegated' when o.email is null then 'skipped' else 'pending' end,
             o.email, f.locale,
             f.data || jsonb_build_object('carrier', upd.carrier, 'trackingNumbers', to_jsonb(upd.tracking_numbers),
                                          'carrierUrl', upd.tracking_urls[1]),
             case when f.sender <> 'shopify' and o.email is null then 'the order has no customer e-mail address' end
      from first_mail f join upd on true join orders o on o.id = f.order_id
      where ${e.mailKind}::text is not null and upd.status = ${e.status}::text
      on conflict (shop_id, subject_key, kind) do nothing
      returning id, status
    )${
      e.answer
        ? sql`,
    answer as (
      insert into feed_idempotency_keys (shop_id, warehouse_id, scope, key, request_hash, status_code, response)
      select ${e.shopId}, ${e.answer.warehouseId}, ${e.answer.scope}, ${e.answer.key}, ${e.answer.requestHash},
             ${e.answer.statusCode}, jsonb_build_object('created', ev.id is not null, 'status', coalesce(upd.status, s.status))
      from s left join ev on true left join upd on true
      where not exists (select 1 from stored)
      on conflict do nothing
    )`
        : sql``
    }
    select ev.id as event_id, coalesce(upd.status, s.status) as status, s.status = 'delivered' as was_delivered,
           s.channel, s.fulfillment_external_id, s.push_status,
           (extract(epoch from s.created_at) * 1000)::bigint as created_ms,
           mail.id as mail_id, mail.status as mail_status, exists (select 1 from first_mail) as has_first_mail,
           (select answer from stored) as stored
    from s left join ev on true left join upd on true left join mail on true`);
  const [r] = rowsOf<Row>(result);
  if (!r) return null;
  const eventId = r.event_id === null ? null : Number(r.event_id);
  const stored = typeof r.stored === 'string' ? (JSON.parse(r.stored) as Exclude<Row['stored'], string>) : r.stored;
  return {
    eventId,
    status: r.status,
    wasDelivered: r.was_delivered,
    marketplace: r.channel !== 'shopify',
    fulfilled: r.fulfillment_external_id !== null,
    pushStatus: r.push_status,
    shipmentCreatedAt: Number(r.created_ms),
    mail: r.mail_id === null ? null : { id: Number(r.mail_id), status: r.mail_status! },
    mailUndecided:
      eventId !== null && e.mailKind !== null && r.status === e.status && !r.has_first_mail && r.channel === 'shopify',
    storedAnswer:
      stored === null ? null : { requestHash: stored.hash, statusCode: stored.status, response: stored.response },
  };
}
