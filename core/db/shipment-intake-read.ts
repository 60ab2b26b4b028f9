import { sql } from 'drizzle-orm';
import { allocationLockColumns } from './locks.js';
import type { AllocationStatus } from '../../drizzle/schema/index.js';
import type { Tx } from './client.js';
import type { StoredAnswer } from './feed-idempotency-repo.js';
import { rowsOf } from './rows-of.js';
import { fromJson } from './from-json.js';

/** An allocation line as a parcel checks against it, with the order line's title for the e-mail. */
export interface IntakeLine {
  id: number;
  skuId: number;
  quantity: number;
  shippedQuantity: number;
  title: string;
}

/** Everything recording a parcel decides on, read in one statement once the allocation is locked. */
export interface ShipmentIntake {
  allocation: {
    id: number;
    orderId: number;
    warehouseId: number;
    status: AllocationStatus;
    leaseUntil: Date | null;
    leaseToken: string | null;
    promisedDeliveryBy: Date | null;
  };
  lines: IntakeLine[];
  /** the shipment this idempotency key already recorded */
  existing: { id: number; carrier: string | null; trackingUrls: string[] } | null;
  /** the feed's stored answer for the request's idempotency key, when asked for */
  storedAnswer: StoredAnswer | null;
  order: {
    name: string;
    email: string | null;
    channel: string;
    customerLocale: string | null;
    shippingName: string | null;
    /** shippable units ordered, all lines */
    orderedUnits: number;
  };
  shop: { notifyCustomerFrom: string | null; language: string | null; locale: string };
  /**
   * What the rows it was read from (those the allocation's and order's locks guard) stood at:
   * `intakeUnchanged` holds in a later statement while none of them changed.
   */
  version: string;
}

/** What an intake is read for: the allocation, the shipment's idempotency key, and the feed's record. */
export interface IntakeQuery {
  shopId: number;
  warehouseId: number;
  allocationId: number;
  idempotencyKey: string;
  /** the feed idempotency record to look up; none when the caller keeps no answers */
  answer?: { scope: string; key: string };
}

/**
 * The version of an intake, as a statement sees it: the row versions (xmin) of the allocation,
 * its lines, its order and the order's lines, and the ids of the key's shipment and stored answer.
 * A row changed, added or removed changes it.
 */
export function intakeVersion(q: IntakeQuery) {
  const answer = q.answer
    ? sql`(select k.id::text from feed_idempotency_keys k
           where k.shop_id = ${q.shopId} and k.warehouse_id = ${q.warehouseId}
             and k.scope = ${q.answer.scope} and k.key = ${q.answer.key})`
    : sql`null`;
  return sql`concat_ws('/',
    (select va.xmin::text || ':' || vo.xmin::text
     from allocations va join orders vo on vo.shop_id = va.shop_id and vo.id = va.order_id
     where va.shop_id = ${q.shopId} and va.id = ${q.allocationId}),
    coalesce((select string_agg(vl.id::text || ':' || vl.xmin::text, ',' order by vl.id) from allocation_lines vl
              where vl.shop_id = ${q.shopId} and vl.allocation_id = ${q.allocationId}), '-'),
    coalesce((select string_agg(vol.id::text || ':' || vol.xmin::text, ',' order by vol.id)
              from order_lines vol join allocations va on va.order_id = vol.order_id and va.shop_id = vol.shop_id
              where va.shop_id = ${q.shopId} and va.id = ${q.allocationId}), '-'),
    coalesce((select vx.id::text from shipments vx
              where vx.shop_id = ${q.shopId} and vx.allocation_id = ${q.allocationId}
                and vx.idempotency_key = ${q.idempotencyKey}), '-'),
    coalesce(${answer}, '-'))`;
}

type Row = {
  id: string | number;
  order_id: string | number;
  warehouse_id: string | number;
  status: AllocationStatus;
  lease_until_ms: string | number | null;
  lease_token: string | null;
  promised_delivery_by_ms: string | number | null;
  lines: { id: number; sku_id: number; quantity: number; shipped_quantity: number; title: string }[] | string;
  existing_id: string | number | null;
  existing_carrier: string | null;
  existing_tracking_urls: string[] | null;
  answer_hash: string | null;
  answer_status: number | null;
  answer_response: unknown;
  order_name: string;
  order_email: string | null;
  channel: string;
  customer_locale: string | null;
  shipping_name: string | null;
  ordered_units: string | number;
  notify_customer_from: string | null;
  language: string | null;
  shop_locale: string;
  version: string;
};

const ms = (v: string | number | null) => (v === null ? null : new Date(Number(v)));

/**
 * The allocation, its lines, the shipment an idempotency key already recorded, the feed's stored
 * answer for the key, and what the shipping e-mail is made of (order, shop, units ordered), with
 * the version of all that. With `lockFirst` the same statement takes the allocation's locks
 * first: what it reads may then predate what a former holder of the locks committed, which the
 * version tells a later statement. Null when the allocation is not the warehouse's.
 */
export async function readShipmentIntake(
  tx: Tx,
  q: IntakeQuery,
  opts: { lockFirst?: boolean } = {},
): Promise<ShipmentIntake | null> {
  const answer = q.answer
    ? sql`(select json_build_object('hash', k.request_hash, 'status', k.status_code, 'response', k.response)
           from feed_idempotency_keys k
           where k.shop_id = ${q.shopId} and k.warehouse_id = ${q.warehouseId}
             and k.scope = ${q.answer.scope} and k.key = ${q.answer.key})`
    : sql`null::json`;
  const locks = opts.lockFirst ? sql`${allocationLockColumns(q.shopId)},` : sql``;
  const [r] = rowsOf<Row>(
    await tx.execute(sql`
      select ${locks} a.id, a.order_id, a.warehouse_id, a.status, a.lease_token,
             floor(extract(epoch from a.lease_until) * 1000)::bigint as lease_until_ms,
             floor(extract(epoch from a.promised_delivery_by) * 1000)::bigint as promised_delivery_by_ms,
             (select coalesce(json_agg(json_build_object('id', l.id, 'sku_id', l.sku_id, 'quantity', l.quantity,
                                                         'shipped_quantity', l.shipped_quantity, 'title', ol.title)
                                       order by l.id), '[]'::json)
              from allocation_lines l join order_lines ol on ol.id = l.order_line_id
              where l.shop_id = ${q.shopId} and l.allocation_id = a.id) as lines,
             x.id as existing_id, x.carrier as existing_carrier, x.tracking_urls as existing_tracking_urls,
             k.answer->>'hash' as answer_hash, (k.answer->>'status')::int as answer_status,
             k.answer->'response' as answer_response,
             o.name as order_name, o.email as order_email, o.channel, o.customer_locale,
             o.shipping_address->>'name' as shipping_name,
             (select coalesce(sum(ol.current_quantity) filter (where ol.requires_shipping), 0)::int
              from order_lines ol where ol.shop_id = ${q.shopId} and ol.order_id = o.id) as ordered_units,
             s.settings->>'notifyCustomerFrom' as notify_customer_from, s.settings->>'language' as language,
             s.locale as shop_locale, ${intakeVersion(q)} as version
      from allocations a
      join orders o on o.shop_id = a.shop_id and o.id = a.order_id
      join shops s on s.id = a.shop_id
      left join shipments x on x.shop_id = a.shop_id and x.allocation_id = a.id and x.idempotency_key = ${q.idempotencyKey}
      left join (select ${answer} as answer) k on true
      where a.shop_id = ${q.shopId} and a.id = ${q.allocationId} and a.warehouse_id = ${q.warehouseId}`),
  );
  if (!r) return null;
  return {
    allocation: {
      id: Number(r.id),
      orderId: Number(r.order_id),
      warehouseId: Number(r.warehouse_id),
      status: r.status,
      leaseUntil: ms(r.lease_until_ms),
      leaseToken: r.lease_token,
      promisedDeliveryBy: ms(r.promised_delivery_by_ms),
    },
    lines: fromJson<Exclude<Row['lines'], string>>(r.lines).map((l) => ({
      id: Number(l.id),
      skuId: Number(l.sku_id),
      quantity: Number(l.quantity),
      shippedQuantity: Number(l.shipped_quantity),
      title: l.title,
    })),
    existing:
      r.existing_id === null
        ? null
        : { id: Number(r.existing_id), carrier: r.existing_carrier, trackingUrls: r.existing_tracking_urls ?? [] },
    storedAnswer:
      r.answer_hash === null
        ? null
        : {
            requestHash: r.answer_hash,
            statusCode: Number(r.answer_status),
            response: fromJson<unknown>(r.answer_response),
          },
    order: {
      name: r.order_name,
      email: r.order_email,
      channel: r.channel,
      customerLocale: r.customer_locale,
      shippingName: r.shipping_name,
      orderedUnits: Number(r.ordered_units),
    },
    shop: { notifyCustomerFrom: r.notify_customer_from, language: r.language, locale: r.shop_locale },
    version: r.version,
  };
}
