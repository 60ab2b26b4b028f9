/** How the shop counts and tells time: the UI language, the shop's currency and time zone. */
export interface FormatSettings {
  language: string;
  /** The shop's own locale, e.g. `fr` or `fr-CA`: used when it speaks the UI language. */
  shopLocale: string;
  currency: string;
  timeZone: string;
}

/** Formatters for money, dates and durations in the shop's terms. */
export interface Format {
  locale: string;
  currency: string;
  timeZone: string;
  money(amount: number | string | null | undefined, currency?: string): string;
  number(n: number, digits?: number): string;
  percent(ratio: number): string;
  date(iso: string | Date | null | undefined): string;
  dateTime(iso: string | Date | null | undefined): string;
  time(iso: string | Date | null | undefined): string;
  /** A calendar day (`2026-11-24`) as the shop writes it; no time zone shift. */
  day(ymd: string): string;
  /** A short weekday and day for chart axes. */
  shortDay(ymd: string): string;
  /** A calendar day (`2026-11-24`) as a plain date, `24 Nov 2026`; no time zone shift. */
  calendarDate(ymd: string | null | undefined): string;
  /** A day and month for chart axes, `24 Nov`. */
  dayMonth(ymd: string): string;
  /** 14 → "14 days", with up to `digits` decimals. */
  days(n: number | null | undefined, digits?: number): string;
  /** A change in units with its sign: +5, −3. */
  signed(n: number): string;
  /** 95 → "1 h 35 min" */
  minutes(m: number | null | undefined): string;
  /** The shop's today as YYYY-MM-DD. */
  today(): string;
}

const DASH = '—';

/** Builds the formatters once per shop and language. */
export function createFormat(s: FormatSettings): Format {
  const locale = s.shopLocale.split('-')[0] === s.language ? s.shopLocale : s.language;
  const money = new Map<string, Intl.NumberFormat>();
  const moneyFor = (c: string) => {
    let f = money.get(c);
    if (!f) money.set(c, (f = new Intl.NumberFormat(locale, { style: 'currency', currency: c })));
    return f;
  };
  const dateF = new Intl.DateTimeFormat(locale, {
    timeZone: s.timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const dateTimeF = new Intl.DateTimeFormat(locale, {
    timeZone: s.timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const timeF = new Intl.DateTimeFormat(locale, { timeZone: s.timeZone, hour: '2-digit', minute: '2-digit' });
  const dayF = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const shortDayF = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric' });
  const calendarF = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const dayMonthF = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const signedF = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2 });
  const ymdF = new Intl.DateTimeFormat('en-CA', {
    timeZone: s.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: string) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
  const minF = unit('minute');
  const hourF = unit('hour');
  const dayUnitF = unit('day');
  const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
  const utcDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
  return {
    locale,
    currency: s.currency,
    timeZone: s.timeZone,
    money: (amount, currency) =>
      amount === null || amount === undefined || amount === ''
        ? DASH
        : moneyFor(currency ?? s.currency).format(Number(amount)),
    number: (n, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
    percent: (r) => pct.format(r),
    date: (v) => (v ? dateF.format(asDate(v)) : DASH),
    dateTime: (v) => (v ? dateTimeF.format(asDate(v)) : DASH),
    time: (v) => (v ? timeF.format(asDate(v)) : DASH),
    day: (ymd) => dayF.format(utcDay(ymd)),
    shortDay: (ymd) => shortDayF.format(utcDay(ymd)),
    calendarDate: (ymd) => (ymd ? calendarF.format(utcDay(ymd.slice(0, 10))) : DASH),
    dayMonth: (ymd) => dayMonthF.format(utcDay(ymd)),
    days: (n, digits = 0) =>
      n === null || n === undefined
        ? DASH
        : new Intl.NumberFormat(locale, {
            style: 'unit',
            unit: 'day',
            unitDisplay: 'long',
            maximumFractionDigits: digits,
          }).format(n),
    // a true minus sign, as a ledger prints it
    signed: (n) => signedF.format(n).replace('-', '\u2212'),
    minutes(m) {
      if (m === null || m === undefined) return DASH;
      const total = Math.round(m);
      if (total < 60) return minF.format(total);
      const h = Math.floor(total / 60);
      const rest = total % 60;
      if (h < 48) return rest ? `${hourF.format(h)} ${minF.format(rest)}` : hourF.format(h);
      return dayUnitF.format(Math.round((total / 1440) * 10) / 10);
    },
    today: () => ymdF.format(new Date()),
  };
}
