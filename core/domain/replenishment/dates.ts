import type { IsoDate } from './types.js';

const dayMs = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date; throws RangeError on anything else. */
export function toDayNumber(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / dayMs;
  // Date.UTC rolls 2026-02-30 over to March; the round trip catches it
  if (fromDayNumber(n) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * dayMs).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to − from` in days. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}
