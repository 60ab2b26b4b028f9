// Peter J. Acklam's rational approximation of the standard normal quantile function
// (relative error below 1.15e-9 over (0, 1)); monotonic across its three regions.
const a = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const b = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const c = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const pLow = 0.02425;
const pHigh = 1 - pLow;

const tail = (q: number): number =>
  (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
  ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);

/** Φ⁻¹(p): the z with P(Z ≤ z) = p for a standard normal Z. Throws RangeError outside (0, 1). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  if (p < pLow) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > pHigh) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** The safety factor z for a cycle service level (probability of no stockout during a lead time). */
export function serviceLevelZ(serviceLevel: number): number {
  return inverseNormalCdf(serviceLevel);
}
