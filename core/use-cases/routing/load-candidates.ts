import { createCatalogRepo } from '../../db/catalog-repo.js';
import type { Tx } from '../../db/client.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { createWarehousesRepo, type WarehouseRow } from '../../db/warehouses-repo.js';
import { nextShipSlot, type RoutingWarehouse } from '../../domain/routing/index.js';
import { toRoutingWarehouse } from './to-routing-input.js';

export interface Candidates {
  warehouses: RoutingWarehouse[];
  rows: Map<string, WarehouseRow>;
  skuIdByCode: Map<string, number>;
}

/**
 * Every active warehouse of the shop with what it can give (on hand − reserved) for the SKUs
 * asked, and the shipments already planned for its next ship day.
 */
export async function loadCandidates(tx: Tx, shopId: number, skuCodes: string[], now: Date): Promise<Candidates> {
  const rows = await createWarehousesRepo(tx).list(shopId, { activeOnly: true });
  const skuRows = await createCatalogRepo(tx).skuIdsByCode(shopId, skuCodes);
  const skuIdByCode = new Map(skuRows.map((r) => [r.sku, r.id]));
  const codeById = new Map(skuRows.map((r) => [r.id, r.sku]));
  const levels = await createStockRepo(tx).levels(shopId, [...skuIdByCode.values()]);
  const slots = rows.map((w) => {
    const slot = nextShipSlot(
      { timeZone: w.timezone, cutoffTime: w.cutoffTime, workingDays: w.workingDays, holidays: w.holidays },
      now,
    );
    return { warehouseId: w.id, shipDate: slot.ok ? slot.slot.shipDate : '' };
  });
  const used = await createWarehousesRepo(tx).shipmentsOn(
    shopId,
    slots.filter((s) => s.shipDate),
  );
  const warehouses = rows.map((w) => {
    const stock: Record<string, number> = {};
    for (const l of levels)
      if (l.warehouseId === w.id) stock[codeById.get(l.skuId)!] = Math.max(0, l.onHand - l.reserved);
    return toRoutingWarehouse(w, stock, used.get(w.id) ?? 0);
  });
  return { warehouses, rows: new Map(rows.map((w) => [String(w.id), w])), skuIdByCode };
}
