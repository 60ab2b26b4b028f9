import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AllocationStatus } from '../../drizzle/schema/index.js';
import { textArray } from './array-literals.js';
import type { Tx } from './client.js';
import type { EmailStatus } from './email-outbox-repo.js';
import { shippedLinesCtes, shippedSkusStocked, type ShippedLine } from './shipped-lines-write.js';
import { rowsOf } from './rows-of.js';
import { intakeVersion, type IntakeQuery } from './shipment-intake-read.js';

/** A parcel to record, with everything decided about it before the write. */
export interface ShipmentRecord {
  shopId: number;
  allocationId: number;
  orderId: number;
  warehouseId: number;
  idempotencyKey: string;
  carrier: string | null;
  trackingNumbers: string[];
  trackingUrls: string[];
  shippedAt: Date;
  lines: ShippedLine[];
  /** what was decided on: nothing is written unless the intake still stands at the version read */
  intake: { query: IntakeQuery; version: string };
  /** the allocation moves from the status it was read in to this one (else nothing is kept: see `moved`) */
  from: AllocationStatus;
  to: AllocationStatus;
  /** the shipping e-mail decided for it; `data` lacks the tracking page link, which the statement adds */
  mail: {
    kind: string;
    sender: 'app' | 'shopify';
    status: EmailStatus;
    toAddress: string | null;
    locale: string;
    lastError: string | null;
    data: Record<string, unknown>;
    /** the tracking page's URL without its token */
    pageUrlPrefix: string;
  } | null;
  /** the order timeline entry `shipped`; its data gains the shipment's id */
  audit: { actor: string; data: Record<string, unknown> };
  /** the feed's answer to store for the request's idempotency key; its body gains the shipment's id */
  answer: {
    warehouseId: number;
    scope: string;
    key: string;
    requestHash: string;
    statusCode: number;
    body: Record<string, unknown>;
  } | null;
}

export interface ShipmentRecorded {
  shipmentId: number;
  /** the allocation was still in `from`: when false the caller must roll back */
  moved: boolean;
  mail: { id: number; status: EmailStatus } | null;
}

type Row = {
  id: string | number;
  moved: boolean;
  stocked: boolean;
  mail_id: string | number | null;
  mail_status: EmailStatus | null;
};

/**
 * Records a parcel in one statement: the shipment, its lines and the stock they take (see
 * shipped-lines-write), the allocation's new status (guarded by the status it was read in, its
 * lease cleared), the order's shipping status rolled up over its live allocations (counting this
 * one's new status: the statement sees the allocations as they were), the customer's tracking
 * page (created on first need: 144 random bits), the shipping e-mail, the timeline entry and the
 * feed's answer for the idempotency key. Writes nothing and answers null when the intake changed
 * since it was read. Throws when a shipped SKU has no stock row.
 */
export async function writeShipmentRecord(tx: Tx, r: ShipmentRecord): Promise<ShipmentRecorded | null> {
  const [row] = rowsOf<Row>(await tx.execute(shipmentRecordStatement(r)));
  if (!row) return null;
  if (!row.stocked) throw new Error(`shipment ${row.id}: a shipped SKU has no stock row at warehouse ${r.warehouseId}`);
  return {
    shipmentId: Number(row.id),
    moved: row.moved,
    mail: row.mail_id === null ? null : { id: Number(row.mail_id), status: row.mail_status! },
  };
}

/** The statement `writeShipmentRecord` sends. */
export function shipmentRecordStatement(r: ShipmentRecord) {
  const shopId = r.shopId;
  const mail = r.mail;
  const answer = r.answer;
  return sql`
    with ins as (
      insert into shipments (shop_id, allocation_id, idempotency_key, carrier, tracking_numbers, tracking_urls, shipped_at)
      select ${shopId}, ${r.allocationId}, ${r.idempotencyKey}, ${r.carrier},
             ${textArray(r.trackingNumbers)}::text[], ${textArray(r.trackingUrls)}::text[], ${r.shippedAt.toISOString()}::timestamptz
      where ${intakeVersion(r.intake.query)} = ${r.intake.version}
      returning id, carrier, tracking_numbers, tracking_urls
    ),
    ${shippedLinesCtes(shopId, {
      shipmentId: sql`(select id from ins)`,
      onlyIf: sql`exists (select 1 from ins)`,
      warehouseId: r.warehouseId,
      lines: r.lines,
    })},
    moved as (
      update allocations set status = ${r.to}, lease_until = null, lease_token = null, updated_at = now()
      where shop_id = ${shopId} and id = ${r.allocationId} and status = ${r.from} and exists (select 1 from ins)
      returning id
    ),
    rollup as (
      update orders o set status = x.status, updated_at = now()
      from (
        select case when bool_and(a.status = 'shipped') and min(o2.status) <> 'backordered' then 'shipped'
                    when bool_or(a.status in ('shipped', 'partially_shipped')) then 'partially_shipped'
                    else min(o2.status) end as status
        from orders o2
        join (select id, order_id, shop_id,
                     case when id = ${r.allocationId} then ${r.to}::text else status end as status
              from allocations where shop_id = ${shopId} and order_id = ${r.orderId}) a
          on a.order_id = o2.id and a.shop_id = o2.shop_id and a.status not in ('cancelled', 'rejected')
        where o2.shop_id = ${shopId} and o2.id = ${r.orderId}
      ) x
      where o.shop_id = ${shopId} and o.id = ${r.orderId} and o.status <> 'cancelled' and x.status is not null
        and o.status <> x.status and exists (select 1 from ins)
    ),
    created_page as (
      insert into tracking_pages (shop_id, order_id, token)
      select ${shopId}, ${r.orderId}, ${randomBytes(18).toString('base64url')}
      where exists (select 1 from ins)
      on conflict (order_id) do nothing
      returning token
    ),
    page as (
      select token from created_page
      union all
      select token from tracking_pages p
      where p.shop_id = ${shopId} and p.order_id = ${r.orderId} and not exists (select 1 from created_page)
    ),
    -- written only when an e-mail was decided, but always in the statement: one text, so one
    -- plan per connection, whether the order has a shipping e-mail or not (a marketplace's)
    mail as (
      insert into email_outbox (shop_id, order_id, shipment_id, subject_key, kind, sender, status, to_address, locale, data, last_error)
      select ${shopId}, ${r.orderId}, ins.id, 'shipment:' || ins.id::text, ${mail?.kind ?? null}, ${mail?.sender ?? null},
             ${mail?.status ?? null}, ${mail?.toAddress ?? null}, ${mail?.locale ?? null},
             ${mail ? JSON.stringify(mail.data) : null}::jsonb
               || jsonb_build_object('trackingPageUrl', ${mail?.pageUrlPrefix ?? null}::text || page.token),
             ${mail?.lastError ?? null}
      from ins cross join page
      where ${mail !== null}::boolean
      on conflict (shop_id, subject_key, kind) do nothing
      returning id, status
    ),
    audit as (
      insert into audit_log (shop_id, entity, entity_id, action, actor, data)
      select ${shopId}, 'order', ${String(r.orderId)}, 'shipped', ${r.audit.actor},
             ${JSON.stringify(r.audit.data)}::jsonb || jsonb_build_object('shipmentId', ins.id)
      from ins
    )${
      answer
        ? sql`,
    answer as (
      insert into feed_idempotency_keys (shop_id, warehouse_id, scope, key, request_hash, status_code, response)
      select ${shopId}, ${answer.warehouseId}, ${answer.scope}, ${answer.key}, ${answer.requestHash}, ${answer.statusCode},
             ${JSON.stringify(answer.body)}::jsonb || jsonb_build_object('shipmentId', ins.id)
      from ins
      on conflict do nothing
    )`
        : sql``
    }
    select ins.id, exists (select 1 from moved) as moved, ${shippedSkusStocked} as stocked,
           mail.id as mail_id, mail.status as mail_status
    from ins left join mail on true`;
}
