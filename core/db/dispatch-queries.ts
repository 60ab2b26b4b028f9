import { and, eq, sql } from 'drizzle-orm';
import { allocationLines, allocations, orders, warehouses } from '../../drizzle/schema/index.js';
import { allocationColumnsWithoutTrace } from './allocation-columns.js';
import type { DbOrTx } from './client.js';
import { placedRecords } from './dispatch-outcome-write.js';
import { fromJson } from './from-json.js';

/** An allocation line with what the 3PL and Shopify's placement need of it. */
export interface DispatchLine {
  lineId: number;
  orderLineId: number;
  orderLineExternalId: string;
  sku: string;
  inventoryItem: string | null;
  title: string;
  quantity: number;
  shippedQuantity: number;
}

/**
 * Everything a dispatch reads, in one statement: the allocation with its order and warehouse,
 * and its lines in id order with their order line, SKU and inventory item.
 */
export async function loadDispatch(db: DbOrTx, shopId: number, allocationId: number) {
  const [head] = await db
    .select({
      allocation: allocationColumnsWithoutTrace,
      order: orders,
      warehouse: warehouses,
      lines: sql<DispatchLine[]>`(
        select coalesce(json_agg(json_build_object(
          'lineId', al.id, 'orderLineId', al.order_line_id, 'orderLineExternalId', ol.external_id,
          'sku', s.sku, 'inventoryItem', s.inventory_item_external_id, 'title', ol.title,
          'quantity', al.quantity, 'shippedQuantity', al.shipped_quantity) order by al.id), '[]')
        from allocation_lines al
        join skus s on s.shop_id = al.shop_id and s.id = al.sku_id
        join order_lines ol on ol.shop_id = al.shop_id and ol.id = al.order_line_id
        where al.shop_id = ${allocations.shopId} and al.allocation_id = ${allocations.id})`.mapWith(
        fromJson<DispatchLine[]>,
      ),
    })
    .from(allocations)
    .innerJoin(orders, and(eq(orders.shopId, allocations.shopId), eq(orders.id, allocations.orderId)))
    .innerJoin(warehouses, and(eq(warehouses.shopId, allocations.shopId), eq(warehouses.id, allocations.warehouseId)))
    .where(and(eq(allocations.shopId, shopId), eq(allocations.id, allocationId)));
  return head;
}

/** Where Shopify placed each line (fulfillment order and its line), in one statement. */
export async function recordFulfillmentOrderLines(
  db: DbOrTx,
  shopId: number,
  placed: { lineId: number; foId: string; foLineId: string }[],
): Promise<void> {
  if (placed.length === 0) return;
  await db.execute(sql`
    update ${allocationLines} set fo_external_id = v.fo, fo_line_external_id = v.fo_line
    from ${placedRecords(placed)}
    where ${allocationLines.shopId} = ${shopId} and ${allocationLines.id} = v.id`);
}
