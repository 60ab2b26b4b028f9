import {
  belowReorderPointAlert,
  deadStockAlert,
  outOfStockWithBackordersAlert,
  overstockAlert,
  stockoutWithinLeadTimeAlert,
  type ReplenishmentAlert,
} from './alerts.js';
import { requireNonNegative } from './checks.js';
import { daysOfCover, projectedStockoutDate, revenueAtRisk, type RevenueAtRisk } from './cover.js';
import { demandStats, type DemandStats } from './demand-stats.js';
import { serviceLevelZ } from './inverse-normal.js';
import { economicOrderQuantity, roundOrderQuantity, suggestedOrderQuantity } from './order-quantity.js';
import { reorderPoint, safetyStock } from './safety-stock.js';
import type { AbcClass, DemandDay, IsoDate, StockPosition } from './types.js';

/** Shop-wide knobs; every SKU can override them. */
export interface ReplenishmentPolicy {
  /** Days of history the demand statistics use. */
  windowDays: number;
  /** Cycle service level in (0, 1). */
  serviceLevel: number;
  /** Cover above this many days raises an overstock alert. */
  overstockDays: number;
  /** No sale for this many days, with stock on hand, raises a dead-stock alert. */
  deadStockDays: number;
  /** Turns mean daily demand into D for the EOQ. */
  daysPerYear: number;
}

export const defaultReplenishmentPolicy: ReplenishmentPolicy = {
  windowDays: 90,
  serviceLevel: 0.95,
  overstockDays: 180,
  deadStockDays: 90,
  daysPerYear: 365,
};

/** Everything the per-SKU computation needs besides the demand history. */
export interface ReplenishmentParams {
  sku: string;
  /** Today, as the shop's business day: the last day of the demand window. */
  asOf: IsoDate;
  /** First day the SKU could sell (see DemandWindow.since). */
  since?: IsoDate | null;
  /** L in days, and its standard deviation when known. */
  leadTimeDays: number;
  leadTimeStdDays?: number | null;
  /** K: cost of placing one order. */
  orderCost: number;
  /** H: cost of holding one unit for a year (often unit cost × a yearly holding rate). */
  holdingCostPerUnitYear: number;
  /** Defaults 1 and 1. */
  packSize?: number;
  moq?: number;
  unitPrice: number;
  stock: StockPosition;
  /** Last sale known from elsewhere (older than the history passed in); the later of it and the history's wins. */
  lastSaleDate?: IsoDate | null;
  /** Set-level class from {@link abcClasses}; passed through. */
  abcClass?: AbcClass | null;
  policy?: Partial<ReplenishmentPolicy>;
}

/** The replenishment picture of one SKU. */
export interface ReplenishmentResult {
  sku: string;
  demand: DemandStats;
  /** Safety factor for the service level. */
  z: number;
  safetyStock: number;
  reorderPoint: number;
  /** D = d̄ × daysPerYear. */
  annualDemand: number;
  /** √(2DK/H) unrounded; null when H ≤ 0. */
  eoqRaw: number | null;
  /** EOQ rounded up to whole packs and at least the MOQ; 0 when there is no demand or no EOQ. */
  eoq: number;
  abcClass: AbcClass | null;
  /** on hand − reserved. */
  available: number;
  /** available + on order − backorders. */
  inventoryPosition: number;
  daysOfCover: number | null;
  projectedStockoutDate: IsoDate | null;
  revenueAtRisk: RevenueAtRisk;
  /** Units to order now (see {@link suggestedOrderQuantity}); 0 when no order is due. */
  suggestedOrderQuantity: number;
  alerts: ReplenishmentAlert[];
}

const laterOf = (a: IsoDate | null, b: IsoDate | null): IsoDate | null => (a && b ? (a > b ? a : b) : (a ?? b));

/** ROP = SS + d·L and EOQ = √(2DK/H) for one SKU, with cover, revenue at risk and alerts. Pure. */
export function replenishment(history: readonly DemandDay[], params: ReplenishmentParams): ReplenishmentResult {
  const policy: ReplenishmentPolicy = { ...defaultReplenishmentPolicy, ...params.policy };
  const { sku, asOf } = params;
  const L = requireNonNegative('leadTimeDays', params.leadTimeDays);
  const packSize = params.packSize ?? 1;
  const moq = params.moq ?? 1;
  const onOrder = params.stock.onOrder ?? 0;
  const backorders = params.stock.backorders ?? 0;

  const demand = demandStats(history, { asOf, windowDays: policy.windowDays, since: params.since ?? null });
  const d = demand.meanDaily;
  const z = serviceLevelZ(policy.serviceLevel);
  const ss = safetyStock({
    serviceLevel: policy.serviceLevel,
    meanDailyDemand: d,
    demandStdDaily: demand.stdDaily,
    leadTimeDays: L,
    leadTimeStdDays: params.leadTimeStdDays ?? null,
  });
  const rop = reorderPoint({ safetyStock: ss, meanDailyDemand: d, leadTimeDays: L });

  const annualDemand = d * policy.daysPerYear;
  const eoqRaw = economicOrderQuantity({
    annualDemand,
    orderCost: params.orderCost,
    holdingCostPerUnitYear: params.holdingCostPerUnitYear,
  });
  const eoq = d > 0 && eoqRaw !== null ? roundOrderQuantity(eoqRaw, { packSize, moq }) : 0;

  const available = params.stock.onHand - params.stock.reserved;
  const position = available + onOrder - backorders;
  const cover = daysOfCover(available, d);

  const alerts = [
    outOfStockWithBackordersAlert(sku, { onHand: params.stock.onHand, reserved: params.stock.reserved, backorders }),
    available <= 0 && backorders > 0
      ? null
      : stockoutWithinLeadTimeAlert(sku, { available, meanDailyDemand: d, leadTimeDays: L }, asOf),
    belowReorderPointAlert(sku, {
      available,
      onOrder,
      backorders,
      inventoryPosition: position,
      safetyStock: ss,
      meanDailyDemand: d,
      leadTimeDays: L,
      reorderPoint: rop,
    }),
    overstockAlert(sku, { available, meanDailyDemand: d, overstockDays: policy.overstockDays }),
    deadStockAlert(
      sku,
      available,
      { lastSaleDate: laterOf(params.lastSaleDate ?? null, demand.lastSaleDate), historyStart: demand.observedFrom },
      asOf,
      policy.deadStockDays,
    ),
  ].filter((a): a is ReplenishmentAlert => a !== null);

  return {
    sku,
    demand,
    z,
    safetyStock: ss,
    reorderPoint: rop,
    annualDemand,
    eoqRaw,
    eoq,
    abcClass: params.abcClass ?? null,
    available,
    inventoryPosition: position,
    daysOfCover: cover,
    projectedStockoutDate: projectedStockoutDate(asOf, cover),
    revenueAtRisk: revenueAtRisk({ available, meanDailyDemand: d, leadTimeDays: L, unitPrice: params.unitPrice }),
    suggestedOrderQuantity: suggestedOrderQuantity({
      inventoryPosition: position,
      reorderPoint: rop,
      eoq: eoqRaw,
      meanDailyDemand: d,
      packSize,
      moq,
    }),
    alerts,
  };
}
