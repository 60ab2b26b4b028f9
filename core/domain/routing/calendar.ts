/**
 * Local dates and times in a time zone, from `Intl.DateTimeFormat`: pure given the instant.
 * Dates are `YYYY-MM-DD` strings, which compare correctly as strings.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A wall-clock reading in some time zone. */
export interface LocalDateTime {
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  seconds: number;
}

/** True when `Intl` knows the time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant in `timeZone`. Throws RangeError on an unknown zone. */
export function localDateTime(instantMs: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const date = `${String(get('year')).padStart(4, '0')}-${pad2(get('month'))}-${pad2(get('day'))}`;
  return { date, minutes: get('hour') * 60 + get('minute'), seconds: get('second') };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Milliseconds since the epoch of a date's UTC midnight. */
export function dateToUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The calendar date of a UTC instant. */
export function utcMsToDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtcMs(b) - dateToUtcMs(a)) / DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(dateToUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** `HH:MM` (00:00–23:59) as minutes since midnight, or null when malformed. */
export function parseClock(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True for `YYYY-MM-DD` strings naming a real date. */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && utcMsToDate(dateToUtcMs(s)) === s;
}

/**
 * The UTC instant at which the wall clock in `timeZone` reads `date` + `minutes`. In a DST gap the
 * instant just after the gap is returned; in an overlap, the earlier of the two.
 */
export function zonedTimeToUtcMs(date: string, minutes: number, timeZone: string): number {
  const wall = dateToUtcMs(date) + minutes * 60_000;
  const offsetAt = (instant: number): number => {
    const local = localDateTime(instant, timeZone);
    return dateToUtcMs(local.date) + local.minutes * 60_000 + local.seconds * 1000 - instant;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  if (second === first) return first;
  const candidates = [first, second].filter((t) => wallOf(t, timeZone) === wall).sort((a, b) => a - b);
  return candidates[0] ?? Math.max(first, second);
}

function wallOf(instant: number, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  return dateToUtcMs(local.date) + local.minutes * 60_000;
}
