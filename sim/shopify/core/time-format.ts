/**
 * Texts already made, per second: a payload or an answer prints the same few instants (an
 * order's created and updated times, now) many times over.
 */
const isoBySecond = new Map<number, string>();

/** GraphQL DateTime: UTC ISO-8601 without milliseconds, as Shopify returns it. */
export function isoUtc(ms: number): string {
  const second = Math.floor(ms / 1000);
  const known = isoBySecond.get(second);
  if (known !== undefined) return known;
  const text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  // the bound only guards a long-lived simulator
  if (isoBySecond.size > 10_000) isoBySecond.clear();
  isoBySecond.set(second, text);
  return text;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Offsets already read, per zone and quarter hour. Every zone changes its offset on a quarter
 * hour of UTC, so within one quarter the offset is the same and formatToParts (the costly part,
 * once per timestamp of every payload) runs once per zone and quarter instead.
 */
const QUARTER_MS = 15 * 60_000;
const offsetsByQuarter = new Map<string, number>();

function offsetMinutes(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_MS)}`;
  const known = offsetsByQuarter.get(key);
  if (known !== undefined) return known;
  const off = formatOffset(ms, timeZone);
  // a run touches a few zones over a few hours; the bound only guards a long-lived simulator
  if (offsetsByQuarter.size > 10_000) offsetsByQuarter.clear();
  offsetsByQuarter.set(key, off);
  return off;
}

function formatOffset(ms: number, timeZone: string): number {
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** REST payload time: local time of the shop with its offset ("2026-11-20T10:04:05+01:00"). */
export function isoLocal(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Offset of a zone at a time, as Shopify's Shop.timezoneOffset ("+0100"). */
export function zoneOffset(ms: number, timeZone: string): { text: string; minutes: number } {
  const off = offsetMinutes(ms, timeZone);
  const abs = Math.abs(off);
  return {
    text: `${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`,
    minutes: off,
  };
}
