/** Money is kept in minor units (cents) and printed the way Shopify prints decimals ("12.50"). */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents from "12.5", "12.50" or 12.5. */
export function parseMoney(value: string | number): number {
  return Math.round(Number(value) * 100);
}
