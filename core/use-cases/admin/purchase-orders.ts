import type { DbOrTx } from '../../db/client.js';
import { createPurchasingQueries } from '../../db/purchasing-queries.js';
import {
  suggestPurchaseOrders,
  type PurchaseOrderLine,
  type SuggestedPurchaseOrder,
} from '../../domain/replenishment/index.js';

/** A suggested purchase order whose lines carry the id of their SKU (null when the SKU is gone). */
export type PurchaseOrderWithSkuIds = Omit<SuggestedPurchaseOrder, 'lines'> & {
  lines: (PurchaseOrderLine & { skuId: number | null })[];
};

/**
 * The purchase orders to place now: every SKU the last replenishment run flagged, its inventory
 * position (available minus backorders) against its reorder point, grouped per supplier.
 */
export async function suggestShopPurchaseOrders(
  deps: { db: DbOrTx },
  input: { shopId: number },
): Promise<PurchaseOrderWithSkuIds[]> {
  const q = createPurchasingQueries(deps.db);
  const [candidates, ids] = await Promise.all([q.reorderCandidates(input.shopId), q.skuIds(input.shopId)]);
  const orders = suggestPurchaseOrders(
    candidates.map((c) => ({
      sku: c.sku.sku,
      title: c.sku.title,
      supplier: c.sku.supplier,
      inventoryPosition: c.available - c.backorders,
      reorderPoint: c.reorderPoint,
      eoq: c.eoqRaw,
      meanDailyDemand: c.meanDaily,
      packSize: c.sku.packSize,
      moq: c.sku.moq,
      unitCost: c.sku.unitCost === null ? null : Number(c.sku.unitCost),
    })),
  );
  return orders.map((o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, skuId: ids.get(l.sku) ?? null })) }));
}
