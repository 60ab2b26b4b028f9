import { describe, expect, it } from 'vitest';
import { carrierTable, detectCarrier, resolveTracking, type CarrierCode } from '../../core/domain/carriers/index.js';
import { isValidMod7, isValidS10, isValidUps1Z } from '../../core/domain/carriers/checksums.js';
import { createPrng } from '../shopify/core/prng.js';
import { carrierNames, carrierProfiles, pickCarrier, type CarrierName } from './carriers.js';

// The test may read the app's carrier table: the robot itself replicates the formats.
const appCode: Record<CarrierName, CarrierCode> = {
  colissimo: 'colissimo',
  chronopost: 'chronopost',
  mondial_relay: 'mondial_relay',
  dpd: 'dpd_fr',
  gls: 'gls',
  dhl_express: 'dhl_express',
  ups: 'ups',
};

describe('tracking numbers the robot prints', () => {
  for (const name of carrierNames) {
    it(`${name}: the app names the carrier from the number alone and from the reported name`, () => {
      const random = createPrng(name.length * 7919);
      const profile = carrierProfiles[name];
      for (let i = 0; i < 300; i++) {
        const n = profile.trackingNumber(random);
        const [top] = detectCarrier(n);
        expect(top?.carrier, n).toBe(appCode[name]);
        const resolved = resolveTracking({ number: n, carrierName: profile.label });
        expect(resolved.carrier, n).toBe(appCode[name]);
        expect(resolved.company).toBe(carrierTable[appCode[name]].shopifyCompany);
        expect(() => new URL(profile.trackingUrl(n))).not.toThrow();
      }
    });
  }

  it('computes the check characters the carriers print', () => {
    const random = createPrng(42);
    for (let i = 0; i < 200; i++) {
      expect(isValidUps1Z(carrierProfiles.ups.trackingNumber(random))).toBe(true);
      expect(isValidMod7(carrierProfiles.dhl_express.trackingNumber(random))).toBe(true);
      const chrono = carrierProfiles.chronopost.trackingNumber(random);
      expect(isValidS10(chrono)).toBe(true);
      const dpd = carrierProfiles.dpd.trackingNumber(random);
      expect(detectCarrier(dpd)[0]?.reasons[0]).toContain('check digit ok');
    }
  });

  it('picks carriers by weight and never one with no weight', () => {
    const random = createPrng(7);
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const c = pickCarrier({ ups: 3, gls: 1 }, random).name;
      seen.set(c, (seen.get(c) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['gls', 'ups']);
    expect(seen.get('ups')!).toBeGreaterThan(seen.get('gls')!);
    expect(() => pickCarrier({ ups: 0 }, random)).toThrow(/positive weight/);
  });
});
