import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

/** A parcel's corrected tracking, as the 3PL sends it. */
export interface TrackingCorrection {
  shopId: number;
  warehouseId: number;
  shipmentId: number;
  carrier: string | null;
  trackingNumbers: string[];
  trackingUrls: string[];
}

/**
 * Replaces a shipment's carrier and tracking in one statement, no transaction: the shipment row
 * is locked, compared (numbers and links as comma-joined lists), and only when something differs
 * updated (back to a pending push when the channel's fulfillment exists, to update it in place)
 * with the order's `tracking_changed` timeline entry. Null when the shipment is not this
 * warehouse's; else whether it changed.
 */
export async function correctShipmentTracking(db: DbOrTx, c: TrackingCorrection): Promise<{ changed: boolean } | null> {
  const numbers = JSON.stringify(c.trackingNumbers);
  const result = await db.execute(sql`
    with s as (
      select sh.id, sh.carrier, sh.tracking_numbers, sh.tracking_urls, sh.fulfillment_external_id, sh.push_status,
             a.order_id, a.warehouse_id
      from shipments sh
      join allocations a on a.id = sh.allocation_id
      where sh.shop_id = ${c.shopId} and sh.id = ${c.shipmentId} and a.warehouse_id = ${c.warehouseId}
      for update of sh
    ),
    changed as (
      select * from s
      where s.carrier is distinct from ${c.carrier}::text
         or array_to_string(s.tracking_numbers, ',') <> ${c.trackingNumbers.join()}
         or array_to_string(s.tracking_urls, ',') <> ${c.trackingUrls.join()}
    ),
    upd as (
      update shipments sh
      set carrier = ${c.carrier}, tracking_numbers = array(select jsonb_array_elements_text(${numbers}::jsonb)),
          tracking_urls = array(select jsonb_array_elements_text(${JSON.stringify(c.trackingUrls)}::jsonb)),
          push_status = case when coalesce(changed.fulfillment_external_id, '') <> '' then 'pending'
                             else changed.push_status end,
          updated_at = now()
      from changed where sh.shop_id = ${c.shopId} and sh.id = changed.id
    ),
    audit as (
      insert into audit_log (shop_id, entity, entity_id, action, actor, data)
      select ${c.shopId}, 'order', changed.order_id::text, 'tracking_changed', 'warehouse:' || changed.warehouse_id,
             jsonb_build_object('shipmentId', changed.id, 'before', to_jsonb(changed.tracking_numbers),
                                'after', ${numbers}::jsonb, 'carrier', ${c.carrier}::text)
      from changed
    )
    select exists (select 1 from changed) as changed from s`);
  const [r] = rowsOf<{ changed: boolean }>(result);
  return r ? { changed: r.changed } : null;
}
