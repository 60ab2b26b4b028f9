/** Mean Earth radius used by the haversine formula (IUGG), in km. */
const EARTH_RADIUS_KM = 6371.0088;

/** A point in decimal degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance between two points in km (haversine). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point of something with optional coordinates, or null when either is missing or not finite. */
export function pointOf(x: { latitude?: number | null; longitude?: number | null }): GeoPoint | null {
  const { latitude, longitude } = x;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  return { latitude, longitude };
}
