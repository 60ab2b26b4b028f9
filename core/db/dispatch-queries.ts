import { and, asc, eq, sql } from 'drizzle-orm';
import { allocationLines, allocations, orderLines, orders, skus, warehouses } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type DispatchLine = Awaited<ReturnType<typeof dispatchLines>>[number];

/**
 * Everything a dispatch reads, in two statements: the allocation with its order and warehouse,
 * then its lines with what the 3PL and Shopify's placement need of each (order line, SKU and
 * inventory item).
 */
export async function loadDispatch(db: DbOrTx, shopId: number, allocationId: number) {
  const [head] = await db
    .select({ allocation: allocations, order: orders, warehouse: warehouses })
    .from(allocations)
    .innerJoin(orders, and(eq(orders.shopId, allocations.shopId), eq(orders.id, allocations.orderId)))
    .innerJoin(warehouses, and(eq(warehouses.shopId, allocations.shopId), eq(warehouses.id, allocations.warehouseId)))
    .where(and(eq(allocations.shopId, shopId), eq(allocations.id, allocationId)));
  if (!head) return undefined;
  return { ...head, lines: await dispatchLines(db, shopId, allocationId) };
}

function dispatchLines(db: DbOrTx, shopId: number, allocationId: number) {
  return db
    .select({
      lineId: allocationLines.id,
      orderLineId: allocationLines.orderLineId,
      orderLineExternalId: orderLines.externalId,
      sku: skus.sku,
      inventoryItem: skus.inventoryItemExternalId,
      title: orderLines.title,
      quantity: allocationLines.quantity,
      shippedQuantity: allocationLines.shippedQuantity,
    })
    .from(allocationLines)
    .innerJoin(skus, and(eq(skus.shopId, allocationLines.shopId), eq(skus.id, allocationLines.skuId)))
    .innerJoin(
      orderLines,
      and(eq(orderLines.shopId, allocationLines.shopId), eq(orderLines.id, allocationLines.orderLineId)),
    )
    .where(and(eq(allocationLines.shopId, shopId), eq(allocationLines.allocationId, allocationId)))
    .orderBy(asc(allocationLines.id));
}

/** Where Shopify placed each line (fulfillment order and its line), in one statement. */
export async function recordFulfillmentOrderLines(
  db: DbOrTx,
  shopId: number,
  placed: { lineId: number; foId: string; foLineId: string }[],
): Promise<void> {
  if (placed.length === 0) return;
  const rows = sql.join(
    placed.map((p) => sql`(${p.lineId}::bigint, ${p.foId}::text, ${p.foLineId}::text)`),
    sql`, `,
  );
  await db.execute(sql`
    update ${allocationLines} set fo_external_id = v.fo, fo_line_external_id = v.fo_line
    from (values ${rows}) as v(id, fo, fo_line)
    where ${allocationLines.shopId} = ${shopId} and ${allocationLines.id} = v.id`);
}
