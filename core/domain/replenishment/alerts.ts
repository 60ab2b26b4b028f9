import { daysBetween, addDays } from './dates.js';
import { fmt } from './format.js';
import type { IsoDate } from './types.js';

/** How urgent an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** What every alert's `inputs` must fit: named numbers and strings the UI can show. */
export type AlertInputs = Record<string, number | string | null>;

/** Inputs of the below-reorder-point alert (ROP = SS + d·L against the stock position). */
export type BelowReorderPointInputs = {
  available: number;
  onOrder: number;
  backorders: number;
  inventoryPosition: number;
  safetyStock: number;
  meanDailyDemand: number;
  leadTimeDays: number;
  reorderPoint: number;
};

/** Inputs of the stockout-within-lead-time alert (cover = available / d against L). */
export type StockoutWithinLeadTimeInputs = {
  available: number;
  meanDailyDemand: number;
  daysOfCover: number;
  leadTimeDays: number;
  projectedStockoutDate: IsoDate;
};

/** Inputs of the out-of-stock-with-backorders alert. */
export type OutOfStockWithBackordersInputs = {
  onHand: number;
  reserved: number;
  available: number;
  backorders: number;
};

/** Inputs of the overstock alert (cover against the configured maximum). */
export type OverstockInputs = {
  available: number;
  meanDailyDemand: number;
  daysOfCover: number;
  overstockDays: number;
};

/** Inputs of the dead-stock alert (days without a sale against the configured limit). */
export type DeadStockInputs = {
  available: number;
  asOf: IsoDate;
  lastSaleDate: IsoDate | null;
  /** Day after the last sale, or the first day of history when nothing ever sold. */
  noSaleSince: IsoDate;
  daysWithoutSale: number;
  deadStockDays: number;
};

/** One alert: the formula with numbers filled in and the inputs behind it, so the UI can show the math. */
export interface AlertOf<K extends string, I extends AlertInputs> {
  kind: K;
  sku: string;
  severity: AlertSeverity;
  message: string;
  formula: string;
  inputs: I;
}

/** The alert kinds, each with its own named inputs. */
export type BelowReorderPointAlert = AlertOf<'below_reorder_point', BelowReorderPointInputs>;
export type StockoutWithinLeadTimeAlert = AlertOf<'stockout_within_lead_time', StockoutWithinLeadTimeInputs>;
export type OutOfStockWithBackordersAlert = AlertOf<'out_of_stock_with_backorders', OutOfStockWithBackordersInputs>;
export type OverstockAlert = AlertOf<'overstock', OverstockInputs>;
export type DeadStockAlert = AlertOf<'dead_stock', DeadStockInputs>;

/** Every stock alert replenishment raises. */
export type ReplenishmentAlert =
  | BelowReorderPointAlert
  | StockoutWithinLeadTimeAlert
  | OutOfStockWithBackordersAlert
  | OverstockAlert
  | DeadStockAlert;
/** The `kind` of any replenishment alert. */
export type ReplenishmentAlertKind = ReplenishmentAlert['kind'];

/** Position at or below ROP, with demand or backorders to serve. Critical once safety stock is being used. */
export function belowReorderPointAlert(sku: string, i: BelowReorderPointInputs): BelowReorderPointAlert | null {
  if (i.inventoryPosition > i.reorderPoint) return null;
  if (i.meanDailyDemand <= 0 && i.backorders <= 0) return null;
  return {
    kind: 'below_reorder_point',
    sku,
    severity: i.inventoryPosition <= i.safetyStock ? 'critical' : 'warning',
    message: `${sku}: stock position ${fmt(i.inventoryPosition)} is at or below the reorder point ${fmt(i.reorderPoint)}`,
    formula:
      `ROP = SS + d·L = ${fmt(i.safetyStock)} + ${fmt(i.meanDailyDemand)}×${fmt(i.leadTimeDays)} = ${fmt(i.reorderPoint)}; ` +
      `position = available + on order − backorders = ${fmt(i.available)} + ${fmt(i.onOrder)} − ${fmt(i.backorders)} = ${fmt(i.inventoryPosition)} ≤ ${fmt(i.reorderPoint)}`,
    inputs: i,
  };
}

/** Available stock lasts less than one lead time (an order placed today arrives too late). */
export function stockoutWithinLeadTimeAlert(
  sku: string,
  i: Omit<StockoutWithinLeadTimeInputs, 'daysOfCover' | 'projectedStockoutDate'>,
  asOf: IsoDate,
): StockoutWithinLeadTimeAlert | null {
  if (!(i.meanDailyDemand > 0)) return null;
  const cover = Math.max(0, i.available) / i.meanDailyDemand;
  if (cover >= i.leadTimeDays) return null;
  const inputs: StockoutWithinLeadTimeInputs = {
    ...i,
    daysOfCover: cover,
    projectedStockoutDate: addDays(asOf, Math.floor(cover)),
  };
  return {
    kind: 'stockout_within_lead_time',
    sku,
    severity: 'critical',
    message: `${sku}: stock runs out around ${inputs.projectedStockoutDate}, before a new order could arrive (${fmt(i.leadTimeDays)} days)`,
    formula: `cover = available / d = ${fmt(Math.max(0, i.available))} / ${fmt(i.meanDailyDemand)} = ${fmt(cover)} days < L = ${fmt(i.leadTimeDays)} days`,
    inputs,
  };
}

export function outOfStockWithBackordersAlert(
  sku: string,
  i: Omit<OutOfStockWithBackordersInputs, 'available'>,
): OutOfStockWithBackordersAlert | null {
  const available = i.onHand - i.reserved;
  if (available > 0 || i.backorders <= 0) return null;
  return {
    kind: 'out_of_stock_with_backorders',
    sku,
    severity: 'critical',
    message: `${sku}: out of stock with ${fmt(i.backorders)} units owed to customers`,
    formula: `available = on hand − reserved = ${fmt(i.onHand)} − ${fmt(i.reserved)} = ${fmt(available)} ≤ 0; backorders = ${fmt(i.backorders)} > 0`,
    inputs: { ...i, available },
  };
}

export function overstockAlert(sku: string, i: Omit<OverstockInputs, 'daysOfCover'>): OverstockAlert | null {
  if (!(i.meanDailyDemand > 0)) return null;
  const cover = Math.max(0, i.available) / i.meanDailyDemand;
  if (cover <= i.overstockDays) return null;
  return {
    kind: 'overstock',
    sku,
    severity: 'info',
    message: `${sku}: ${fmt(cover)} days of cover, more than the ${fmt(i.overstockDays)} days wanted`,
    formula: `cover = available / d = ${fmt(i.available)} / ${fmt(i.meanDailyDemand)} = ${fmt(cover)} days > ${fmt(i.overstockDays)} days`,
    inputs: { ...i, daysOfCover: cover },
  };
}

/** What dead-stock detection knows about sales. */
export interface SalesRecord {
  lastSaleDate: IsoDate | null;
  /** First day the history covers; stands in for the last sale when nothing ever sold. */
  historyStart: IsoDate;
}

/** Stock on hand and no sale for `deadStockDays` days or more. */
export function deadStockAlert(
  sku: string,
  available: number,
  sales: SalesRecord,
  asOf: IsoDate,
  deadStockDays: number,
): DeadStockAlert | null {
  if (available <= 0) return null;
  const noSaleSince = sales.lastSaleDate ? addDays(sales.lastSaleDate, 1) : sales.historyStart;
  const daysWithoutSale = daysBetween(noSaleSince, asOf) + 1;
  if (daysWithoutSale < deadStockDays) return null;
  const since = sales.lastSaleDate ? `last sale ${sales.lastSaleDate}` : `no sale in the history since ${noSaleSince}`;
  return {
    kind: 'dead_stock',
    sku,
    severity: 'warning',
    message: `${sku}: ${fmt(available)} units and no sale for ${daysWithoutSale} days (${since})`,
    formula: `days without sale = ${asOf} − ${noSaleSince} + 1 = ${daysWithoutSale} ≥ ${fmt(deadStockDays)}`,
    inputs: { available, asOf, lastSaleDate: sales.lastSaleDate, noSaleSince, daysWithoutSale, deadStockDays },
  };
}
