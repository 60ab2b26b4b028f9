import { requirePositiveInteger } from './checks.js';
import { addDays, fromDayNumber, toDayNumber } from './dates.js';
import type { DemandDay, IsoDate } from './types.js';

/** Which days the statistics cover. */
export interface DemandWindow {
  /** Last day included. */
  asOf: IsoDate;
  /** Window length in days, ending at `asOf`. */
  windowDays: number;
  /**
   * First day the SKU could sell (creation or first receipt). Days before it are not counted
   * as zero demand. Defaults to the earliest date in the history, which is right for a
   * zero-filled history; pass it when the history is sparse.
   */
  since?: IsoDate | null;
}

/** Daily demand statistics over a window. */
export interface DemandStats {
  /** First and last day counted; `days` = 0 when the window is empty. */
  from: IsoDate;
  to: IsoDate;
  days: number;
  totalUnits: number;
  totalRevenue: number;
  /** d̄: mean units per day, days without a row counting as zero. */
  meanDaily: number;
  /** σd: sample standard deviation of daily units (n − 1 denominator); 0 with fewer than 2 days. */
  stdDaily: number;
  /** Latest day on or before `asOf` with units > 0, over the whole history (not only the window). */
  lastSaleDate: IsoDate | null;
  /** First day sales were observed: `since`, else the earliest row on or before `asOf`, else the window start. */
  observedFrom: IsoDate;
}

/**
 * Mean and sample standard deviation of daily demand over the window
 * [max(asOf − windowDays + 1, since), asOf]. Several rows for one day add up; rows outside the
 * window are ignored (except for `lastSaleDate`).
 */
export function demandStats(history: readonly DemandDay[], window: DemandWindow): DemandStats {
  requirePositiveInteger('windowDays', window.windowDays);
  const end = toDayNumber(window.asOf);
  let earliest = Number.POSITIVE_INFINITY;
  let lastSale = Number.NEGATIVE_INFINITY;
  for (const row of history) {
    const day = toDayNumber(row.date);
    if (day > end) continue;
    earliest = Math.min(earliest, day);
    if (row.units > 0) lastSale = Math.max(lastSale, day);
  }
  const since = window.since
    ? toDayNumber(window.since)
    : Number.isFinite(earliest)
      ? earliest
      : Number.NEGATIVE_INFINITY;
  const start = Math.max(end - window.windowDays + 1, since);
  const days = Math.max(0, end - start + 1);

  const perDay = new Map<number, number>();
  let totalUnits = 0;
  let totalRevenue = 0;
  for (const row of history) {
    const day = toDayNumber(row.date);
    if (day < start || day > end) continue;
    perDay.set(day, (perDay.get(day) ?? 0) + row.units);
    totalUnits += row.units;
    totalRevenue += row.revenue;
  }

  const meanDaily = days > 0 ? totalUnits / days : 0;
  let squares = (days - perDay.size) * meanDaily * meanDaily;
  for (const units of perDay.values()) squares += (units - meanDaily) ** 2;
  const stdDaily = days >= 2 ? Math.sqrt(squares / (days - 1)) : 0;

  return {
    from: days > 0 ? fromDayNumber(start) : addDays(window.asOf, 1),
    to: window.asOf,
    days,
    totalUnits,
    totalRevenue,
    meanDaily,
    stdDaily,
    lastSaleDate: Number.isFinite(lastSale) ? fromDayNumber(lastSale) : null,
    observedFrom: fromDayNumber(Math.min(Number.isFinite(since) ? since : end - window.windowDays + 1, end)),
  };
}
