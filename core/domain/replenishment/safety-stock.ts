import { requireNonNegative } from './checks.js';
import { serviceLevelZ } from './inverse-normal.js';

/** Inputs of the safety-stock formula; demand per day, lead time in days. */
export interface SafetyStockInput {
  /** Cycle service level in (0, 1), e.g. 0.95. */
  serviceLevel: number;
  /** d̄: mean daily demand (only used with lead-time variability). */
  meanDailyDemand: number;
  /** σd: standard deviation of daily demand. */
  demandStdDaily: number;
  /** L: lead time in days. */
  leadTimeDays: number;
  /** σL: standard deviation of the lead time in days, when known. */
  leadTimeStdDays?: number | null;
}

/**
 * SS = z·σd·√L, or z·√(L·σd² + d̄²·σL²) when the lead time varies. Never negative: a service
 * level at or below 50% (z ≤ 0) asks for no safety stock.
 */
export function safetyStock(input: SafetyStockInput): number {
  const z = serviceLevelZ(input.serviceLevel);
  const d = requireNonNegative('meanDailyDemand', input.meanDailyDemand);
  const sd = requireNonNegative('demandStdDaily', input.demandStdDaily);
  const L = requireNonNegative('leadTimeDays', input.leadTimeDays);
  const sL = requireNonNegative('leadTimeStdDays', input.leadTimeStdDays ?? 0);
  const sigma = sL > 0 ? Math.sqrt(L * sd * sd + d * d * sL * sL) : sd * Math.sqrt(L);
  return Math.max(0, z * sigma);
}

/** Inputs of the reorder point. */
export interface ReorderPointInput {
  safetyStock: number;
  meanDailyDemand: number;
  leadTimeDays: number;
}

/** ROP = SS + d̄·L: reorder when the stock position falls to this level. */
export function reorderPoint(input: ReorderPointInput): number {
  return (
    requireNonNegative('safetyStock', input.safetyStock) +
    requireNonNegative('meanDailyDemand', input.meanDailyDemand) *
      requireNonNegative('leadTimeDays', input.leadTimeDays)
  );
}
