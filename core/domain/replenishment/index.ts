export type { IsoDate, DemandDay, AbcClass, StockPosition } from './types.js';
export { toDayNumber, fromDayNumber, addDays, daysBetween } from './dates.js';
export { demandStats } from './demand-stats.js';
export type { DemandWindow, DemandStats } from './demand-stats.js';
export { inverseNormalCdf, serviceLevelZ } from './inverse-normal.js';
export { safetyStock, reorderPoint } from './safety-stock.js';
export type { SafetyStockInput, ReorderPointInput } from './safety-stock.js';
export { economicOrderQuantity, roundOrderQuantity, suggestedOrderQuantity } from './order-quantity.js';
export type { EoqInput, OrderConstraints, OrderNeedInput } from './order-quantity.js';
export { abcClasses, defaultAbcCutoffs } from './abc.js';
export type { AbcCutoffs, AbcItem, AbcAssignment } from './abc.js';
export { daysOfCover, projectedStockoutDate, revenueAtRisk } from './cover.js';
export type { RevenueAtRiskInput, RevenueAtRisk } from './cover.js';
export {
  belowReorderPointAlert,
  stockoutWithinLeadTimeAlert,
  outOfStockWithBackordersAlert,
  overstockAlert,
  deadStockAlert,
} from './alerts.js';
export type {
  AlertSeverity,
  AlertInputs,
  AlertOf,
  BelowReorderPointInputs,
  StockoutWithinLeadTimeInputs,
  OutOfStockWithBackordersInputs,
  OverstockInputs,
  DeadStockInputs,
  SalesRecord,
  BelowReorderPointAlert,
  StockoutWithinLeadTimeAlert,
  OutOfStockWithBackordersAlert,
  OverstockAlert,
  DeadStockAlert,
  ReplenishmentAlert,
  ReplenishmentAlertKind,
} from './alerts.js';
export { replenishment, defaultReplenishmentPolicy } from './replenishment.js';
export type { ReplenishmentPolicy, ReplenishmentParams, ReplenishmentResult } from './replenishment.js';
export { replenishmentForSkus } from './replenishment-set.js';
export type { SkuReplenishmentInput } from './replenishment-set.js';
export {
  suggestPurchaseOrders,
  toPurchaseOrderItem,
  purchaseOrderCsvRows,
  purchaseOrderCsvHeader,
} from './purchase-orders.js';
export type { PurchaseOrderItem, PurchaseOrderLine, SuggestedPurchaseOrder } from './purchase-orders.js';
