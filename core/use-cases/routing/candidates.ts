import type { RoutingSnapshot } from '../../db/routing-snapshot-queries.js';
import type { WarehouseRow } from '../../db/warehouses-repo.js';
import { nextShipSlot, type RoutingWarehouse } from '../../domain/routing/index.js';
import { toRoutingWarehouse } from './to-routing-input.js';

export interface Candidates {
  warehouses: RoutingWarehouse[];
  rows: Map<string, WarehouseRow>;
  skuIdByCode: Map<string, number>;
}

/** Each warehouse's next ship date (none when its calendar has no slot): what daily capacity counts. */
export function nextShipDays(rows: readonly WarehouseRow[], now: Date): { warehouseId: number; shipDate: string }[] {
  return rows.flatMap((w) => {
    const slot = nextShipSlot(
      { timeZone: w.timezone, cutoffTime: w.cutoffTime, workingDays: w.workingDays, holidays: w.holidays },
      now,
    );
    return slot.ok && slot.slot.shipDate ? [{ warehouseId: w.id, shipDate: slot.slot.shipDate }] : [];
  });
}

/**
 * Every active warehouse of the shop with what it can give (on hand − reserved) for the SKUs
 * asked, and the shipments already planned for its next ship day.
 */
export function toCandidates(
  rows: readonly WarehouseRow[],
  snapshot: Pick<RoutingSnapshot, 'skuIdByCode' | 'levels' | 'shipments'>,
  skuCodes: string[],
): Candidates {
  const skuIdByCode = new Map(
    skuCodes.flatMap((code) => {
      const id = snapshot.skuIdByCode.get(code);
      return id === undefined ? [] : [[code, id] as const];
    }),
  );
  const codeById = new Map([...skuIdByCode].map(([code, id]) => [id, code]));
  const warehouses = rows.map((w) => {
    const stock: Record<string, number> = {};
    for (const l of snapshot.levels)
      if (l.warehouseId === w.id && codeById.has(l.skuId))
        stock[codeById.get(l.skuId)!] = Math.max(0, l.onHand - l.reserved);
    return toRoutingWarehouse(w, stock, snapshot.shipments.get(w.id) ?? 0);
  });
  return { warehouses, rows: new Map(rows.map((w) => [String(w.id), w])), skuIdByCode };
}
