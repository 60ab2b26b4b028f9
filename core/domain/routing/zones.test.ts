import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo.js';
import { buildWarehouse } from './test-builders.js';
import { normalizePostalCode, zoneFor } from './zones.js';

describe('zoneFor', () => {
  const w = buildWarehouse({
    zones: [
      { code: 'FR', countries: ['FR'] },
      { code: 'FR-COR', countries: ['FR'], postalPrefixes: ['20'] },
      { code: 'FR-AJA', countries: ['FR'], postalPrefixes: ['201'] },
      { code: 'BENELUX', countries: ['be', 'NL', 'LU'] },
    ],
  });

  it('prefers the longest matching postal prefix, then list order', () => {
    expect(zoneFor(w, { countryCode: 'FR', postalCode: '75011' })).toMatchObject({ zone: { code: 'FR' }, rank: 0 });
    expect(zoneFor(w, { countryCode: 'FR', postalCode: '20200' })).toMatchObject({ zone: { code: 'FR-COR' }, rank: 1 });
    expect(zoneFor(w, { countryCode: 'FR', postalCode: '20167' })).toMatchObject({ zone: { code: 'FR-AJA' }, rank: 2 });
  });

  it('compares countries case-insensitively and postal codes without spaces', () => {
    expect(zoneFor(w, { countryCode: 'nl', postalCode: '1012 AB' })?.zone.code).toBe('BENELUX');
    expect(normalizePostalCode('1012 ab')).toBe('1012AB');
    expect(zoneFor(w, { countryCode: 'DE', postalCode: '10115' })).toBeNull();
  });
});

describe('haversineKm', () => {
  it('matches known great-circle distances', () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    const lyon = { latitude: 45.764, longitude: 4.8357 };
    expect(haversineKm(paris, lyon)).toBeCloseTo(391.5, 0);
    expect(haversineKm(paris, paris)).toBe(0);
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371.0088,
      3,
    );
  });
});
