import { suggestedOrderQuantity } from './order-quantity.js';
import type { ReplenishmentResult } from './replenishment.js';

/** One SKU as purchasing sees it. */
export interface PurchaseOrderItem {
  sku: string;
  title?: string | null;
  supplier: string | null;
  /** Destination warehouse; orders are grouped per supplier and warehouse. */
  warehouse?: string | null;
  inventoryPosition: number;
  reorderPoint: number;
  /** Unrounded EOQ, or null. */
  eoq: number | null;
  meanDailyDemand: number;
  packSize: number;
  moq: number;
  unitCost: number | null;
}

/** One line of a suggested purchase order, with the numbers that justify it. */
export interface PurchaseOrderLine {
  sku: string;
  title: string | null;
  quantity: number;
  packSize: number;
  packs: number;
  unitCost: number | null;
  /** quantity × unit cost, rounded to cents. */
  lineCost: number | null;
  inventoryPosition: number;
  reorderPoint: number;
  eoq: number | null;
}

/** A purchase order to one supplier for one destination warehouse. */
export interface SuggestedPurchaseOrder {
  supplier: string | null;
  warehouse: string | null;
  lines: PurchaseOrderLine[];
  totalUnits: number;
  /** Null when any line has no unit cost. */
  totalCost: number | null;
}

const cents = (x: number): number => Math.round(x * 100) / 100;
const nullsLast = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** The fields of a replenishment result a purchase order needs, plus what only purchasing knows. */
export function toPurchaseOrderItem(
  result: ReplenishmentResult,
  extra: {
    supplier: string | null;
    warehouse?: string | null;
    title?: string | null;
    packSize: number;
    moq: number;
    unitCost: number | null;
  },
): PurchaseOrderItem {
  return {
    sku: result.sku,
    inventoryPosition: result.inventoryPosition,
    reorderPoint: result.reorderPoint,
    eoq: result.eoqRaw,
    meanDailyDemand: result.demand.meanDaily,
    ...extra,
  };
}

/**
 * Purchase orders for the SKUs at or below their reorder point, one per supplier and warehouse,
 * quantities from {@link suggestedOrderQuantity} (EOQ or back to the ROP, whole packs, at least the MOQ).
 * Sorted by supplier then warehouse (unassigned last), lines by SKU.
 */
export function suggestPurchaseOrders(items: readonly PurchaseOrderItem[]): SuggestedPurchaseOrder[] {
  const groups = new Map<string, SuggestedPurchaseOrder>();
  for (const item of items) {
    const quantity = suggestedOrderQuantity(item);
    if (quantity <= 0) continue;
    const supplier = item.supplier ?? null;
    const warehouse = item.warehouse ?? null;
    const key = JSON.stringify([supplier, warehouse]);
    let po = groups.get(key);
    if (!po) {
      po = { supplier, warehouse, lines: [], totalUnits: 0, totalCost: 0 };
      groups.set(key, po);
    }
    const lineCost = item.unitCost === null ? null : cents(quantity * item.unitCost);
    po.lines.push({
      sku: item.sku,
      title: item.title ?? null,
      quantity,
      packSize: item.packSize,
      packs: quantity / item.packSize,
      unitCost: item.unitCost,
      lineCost,
      inventoryPosition: item.inventoryPosition,
      reorderPoint: item.reorderPoint,
      eoq: item.eoq,
    });
    po.totalUnits += quantity;
    po.totalCost = po.totalCost === null || lineCost === null ? null : cents(po.totalCost + lineCost);
  }
  const orders = [...groups.values()];
  for (const po of orders) po.lines.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return orders.sort((a, b) => nullsLast(a.supplier, b.supplier) || nullsLast(a.warehouse, b.warehouse));
}

/** Column names of {@link purchaseOrderCsvRows}. */
export const purchaseOrderCsvHeader = [
  'supplier',
  'warehouse',
  'sku',
  'title',
  'quantity',
  'pack_size',
  'packs',
  'unit_cost',
  'line_cost',
  'inventory_position',
  'reorder_point',
  'eoq',
] as const;

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading quote keeps it text.
const formulaStart = /^[=+\-@\t\r]/;
const text = (s: string | null): string => (s === null ? '' : formulaStart.test(s) ? `'${s}` : s);
const num = (x: number | null, decimals = 4): string =>
  x === null ? '' : String(Math.round(x * 10 ** decimals) / 10 ** decimals);

/** Header plus one row per line, every cell a string, ready for csv-stringify. */
export function purchaseOrderCsvRows(orders: readonly SuggestedPurchaseOrder[]): string[][] {
  const rows: string[][] = [[...purchaseOrderCsvHeader]];
  for (const po of orders) {
    for (const line of po.lines) {
      rows.push([
        text(po.supplier),
        text(po.warehouse),
        text(line.sku),
        text(line.title),
        String(line.quantity),
        String(line.packSize),
        String(line.packs),
        num(line.unitCost),
        num(line.lineCost, 2),
        num(line.inventoryPosition, 2),
        num(line.reorderPoint, 2),
        num(line.eoq, 2),
      ]);
    }
  }
  return rows;
}
