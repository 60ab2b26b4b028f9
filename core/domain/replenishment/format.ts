/** A number as the formulas show it: integers as is, others with at most two decimals. */
export function fmt(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 100) / 100);
}
