import type { RoutingAddress, RoutingZone } from './types.js';

/** The zone of a warehouse that serves an address, and its rank (index in the warehouse's list). */
export interface ZoneMatch {
  zone: RoutingZone;
  rank: number;
}

/** Postal codes compared without spaces or dashes, upper-cased (`1000 AB` → `1000AB`). */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The zone of `warehouse` that serves `address`: among zones listing the country, the one with
 * the longest matching postal prefix wins, a country-wide zone matches with length 0, and
 * list order breaks ties. Null when no zone serves the address.
 */
export function zoneFor(warehouse: { zones: readonly RoutingZone[] }, address: RoutingAddress): ZoneMatch | null {
  const country = address.countryCode.toUpperCase();
  const postal = normalizePostalCode(address.postalCode);
  let best: { match: ZoneMatch; specificity: number } | null = null;
  warehouse.zones.forEach((zone, rank) => {
    if (!zone.countries.some((c) => c.toUpperCase() === country)) return;
    let specificity = 0;
    if (zone.postalPrefixes && zone.postalPrefixes.length > 0) {
      const hits = zone.postalPrefixes.map(normalizePostalCode).filter((p) => postal.startsWith(p));
      if (hits.length === 0) return;
      specificity = Math.max(...hits.map((p) => p.length));
    }
    if (best === null || specificity > best.specificity) best = { match: { zone, rank }, specificity };
  });
  return best === null ? null : (best as { match: ZoneMatch }).match;
}
