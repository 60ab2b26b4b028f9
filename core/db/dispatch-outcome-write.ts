import { sql } from 'drizzle-orm';
import { allocationLines, allocations, auditLog } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

export interface ListedOutcome {
  shopId: number;
  allocationId: number;
  orderId: number;
  attempt: number;
  /** the fulfillment order Shopify placed it on; undefined leaves the stored one */
  fulfillmentOrderExternalId?: string | null;
  /** where Shopify holds each line */
  placed: { lineId: number; foId: string; foLineId: string }[];
  /** the timeline entry's data */
  audit: unknown;
}

/**
 * Lines and where Shopify placed them, as rows `v(id, fo, fo_line)` from one JSON parameter: the
 * statement's text stays the same whatever the number of lines, so a connection plans it once.
 */
export const placedRecords = (placed: { lineId: number; foId: string; foLineId: string }[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(placed.map((p) => ({ id: p.lineId, fo: p.foId, fo_line: p.foLineId })))}::jsonb)
        as v(id bigint, fo text, fo_line text)`;

/**
 * A hand-over to a feed 3PL, in one statement: where Shopify placed the lines, the allocation
 * moved from reserved to ready (only from reserved: a cancellation that came first wins), and
 * the timeline entry, written only when the move happened. True when it did.
 */
export async function recordListed(db: DbOrTx, o: ListedOutcome): Promise<boolean> {
  const placedRows = o.placed.length
    ? sql`, placed as (
        update ${allocationLines} set fo_external_id = v.fo, fo_line_external_id = v.fo_line
        from ${placedRecords(o.placed)}
        where ${allocationLines.shopId} = ${o.shopId} and ${allocationLines.id} = v.id and ${allocationLines.allocationId} = ${o.allocationId}
        returning 1)`
    : sql``;
  const foSet =
    o.fulfillmentOrderExternalId === undefined
      ? sql``
      : sql`, fulfillment_order_external_id = ${o.fulfillmentOrderExternalId}`;
  const rows = await db.execute(sql`
    with moved as (
      update ${allocations} set status = 'ready', dispatched_at = now(), acknowledged_at = null,
        dispatch_attempts = ${o.attempt}, dispatch_error = null, updated_at = now()${foSet}
      where ${allocations.shopId} = ${o.shopId} and ${allocations.id} = ${o.allocationId} and ${allocations.status} = 'reserved'
      returning ${allocations.id}
    )${placedRows}, logged as (
      insert into ${auditLog} (shop_id, entity, entity_id, action, actor, data)
      select ${o.shopId}, 'order', ${String(o.orderId)}, 'dispatched', 'dispatch', ${JSON.stringify(o.audit)}::jsonb
      from moved
    )
    select id from moved`);
  return rowsOf(rows).length > 0;
}
