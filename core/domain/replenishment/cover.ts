import { addDays } from './dates.js';
import type { IsoDate } from './types.js';

/** available / d̄ in days; 0 when nothing is available; null when there is no demand to cover. */
export function daysOfCover(available: number, meanDailyDemand: number): number | null {
  if (!(meanDailyDemand > 0)) return null;
  return Math.max(0, available) / meanDailyDemand;
}

/**
 * The first day demand can no longer be served in full: asOf + ⌊cover⌋, with the available
 * stock counted at the start of `asOf`. Null when cover is null (no demand).
 */
export function projectedStockoutDate(asOf: IsoDate, cover: number | null): IsoDate | null {
  if (cover === null) return null;
  return addDays(asOf, Math.floor(cover));
}

/** Inputs of {@link revenueAtRisk}. */
export interface RevenueAtRiskInput {
  available: number;
  meanDailyDemand: number;
  leadTimeDays: number;
  unitPrice: number;
}

/** Sales the stock position puts at risk, in the shop's currency. */
export interface RevenueAtRisk {
  /** d̄ × price: what each day without stock loses. */
  perDayWhenOut: number;
  /** perDayWhenOut when stock runs out before an order placed today can arrive (cover < L), else 0. */
  perDay: number;
  /** Expected units short during one lead time: max(0, d̄·L − available). */
  leadTimeShortfallUnits: number;
  /** leadTimeShortfallUnits × price: revenue lost if we order today and demand stays at d̄. */
  leadTimeShortfallRevenue: number;
}

/** Expected (mean-demand) revenue at risk; safety stock is not counted as a buffer here. */
export function revenueAtRisk(input: RevenueAtRiskInput): RevenueAtRisk {
  const d = Math.max(0, input.meanDailyDemand);
  const available = Math.max(0, input.available);
  const perDayWhenOut = d * input.unitPrice;
  const demandInLeadTime = d * input.leadTimeDays;
  const shortfall = Math.max(0, demandInLeadTime - available);
  return {
    perDayWhenOut,
    perDay: d > 0 && available < demandInLeadTime ? perDayWhenOut : 0,
    leadTimeShortfallUnits: shortfall,
    leadTimeShortfallRevenue: shortfall * input.unitPrice,
  };
}
