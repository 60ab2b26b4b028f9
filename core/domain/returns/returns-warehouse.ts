import { haversineKm, pointOf } from '../routing/geo.js';

export interface ReturnWarehouseCandidate {
  id: number;
  name: string;
  active: boolean;
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
}

/**
 * The returns rule: the nearest active warehouse that accepts returns (all do when the list
 * is empty). Without coordinates, one in the customer's country wins, then the lowest id, so
 * the choice is stable.
 */
export function chooseReturnWarehouse(
  warehouses: readonly ReturnWarehouseCandidate[],
  accepting: readonly number[],
  customer: { latitude?: number | null; longitude?: number | null; countryCode?: string | null },
): { warehouseId: number; distanceKm: number | null; why: string } | null {
  const pool = warehouses.filter((w) => w.active && (accepting.length === 0 || accepting.includes(w.id)));
  if (pool.length === 0) return null;
  const from = pointOf(customer);
  const scored = pool.map((w) => {
    const p = pointOf(w);
    return {
      w,
      km: from && p ? haversineKm(from, p) : null,
      sameCountry: !!customer.countryCode && w.countryCode === customer.countryCode,
    };
  });
  scored.sort((a, b) => {
    if (a.km !== null && b.km !== null && a.km !== b.km) return a.km - b.km;
    if ((a.km === null) !== (b.km === null)) return a.km === null ? 1 : -1;
    if (a.sameCountry !== b.sameCountry) return a.sameCountry ? -1 : 1;
    return a.w.id - b.w.id;
  });
  const best = scored[0]!;
  const why =
    best.km !== null
      ? `nearest warehouse accepting returns (${Math.round(best.km)} km)`
      : best.sameCountry
        ? "accepts returns in the customer's country"
        : 'accepts returns';
  return { warehouseId: best.w.id, distanceKm: best.km, why };
}
