import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod3736CheckChar } from './checksums.js';
import { detectCarrier } from './detect-carrier.js';
import type { CarrierCode } from './types.js';

const top = (n: string, hints = {}): CarrierCode | undefined => detectCarrier(n, hints)[0]?.carrier;
const codes = (n: string, hints = {}): CarrierCode[] => detectCarrier(n, hints).map((c) => c.carrier);

describe('detectCarrier from the number', () => {
  it.each<[string, string, CarrierCode]>([
    ['Colissimo domestic', '6A12345678901', 'colissimo'],
    ['Colissimo international parcel (S10 C…FR)', 'CP123456785FR', 'colissimo'],
    ['La Poste tracked letter (S10 L…FR)', 'LA123456785FR', 'laposte'],
    ['Chronopost', 'XW123456789FR', 'chronopost'],
    ['Chronopost EMS', 'EE123456785FR', 'chronopost'],
    ['Mondial Relay', '12345678', 'mondial_relay'],
    ['DPD 28-character barcode', '008182709980000020033350276C', 'dpd_fr'],
    ['DPD parcel number with check character', '09980000020033' + mod3736CheckChar('09980000020033'), 'dpd_fr'],
    ['GLS TrackID', 'ZX4K9Q2T', 'gls'],
    ['DHL Express air waybill', '3318810025', 'dhl_express'],
    ['DHL Express piece id', 'JVGL0999999990', 'dhl_express'],
    ['DHL Paket', 'JJD000390007882167690', 'dhl_parcel_de'],
    ['UPS', '1Z5R89390357567127', 'ups'],
    ['FedEx Express', '986578788855', 'fedex'],
    ['FedEx Ground 96', '9611020987654312345672', 'fedex'],
    ['USPS IMpb', '9400111201080805483016', 'usps'],
    ['USPS S10', 'EE123456785US', 'usps'],
    ['Royal Mail', 'RB123456785GB', 'royal_mail'],
    ['PostNL', '3STUNM283054292', 'postnl'],
    ['PostNL S10', 'RB123456785NL', 'postnl'],
    ['Bpost S10', 'RB123456785BE', 'bpost'],
    ['Bpost domestic', '323299901234567890123456', 'bpost'],
  ])('%s: %s', (_label, number, carrier) => {
    expect(top(number)).toBe(carrier);
  });

  it('strips spaces and ignores case', () => {
    expect(top(' 1z5r 8939 0357 5671 27 ')).toBe('ups');
    expect(top('rb 123 456 785 gb')).toBe('royal_mail');
  });

  it('returns nothing for an unknown shape', () => {
    expect(detectCarrier('HELLO-WORLD')).toEqual([]);
    expect(detectCarrier('   ')).toEqual([]);
  });

  it('halves the confidence when a check digit fails', () => {
    const ok = detectCarrier('1Z5R89390357567127')[0];
    const bad = detectCarrier('1Z5R89390357567128')[0];
    expect(ok?.carrier).toBe('ups');
    expect(bad?.carrier).toBe('ups');
    expect(bad?.confidence).toBeCloseTo((ok?.confidence ?? 0) / 2);
    expect(bad?.reasons[0]).toContain('check digit fails');
  });
});

describe('detectCarrier ambiguities', () => {
  it('a 13-character La Poste number is Colissimo first, Lettre suivie second', () => {
    expect(codes('6A12345678901')).toEqual(['colissimo', 'laposte']);
  });

  it('an S10 L…FR number is a letter first, a Colissimo parcel second', () => {
    expect(codes('LA123456789FR')).toEqual(['laposte', 'colissimo']);
    expect(codes('LA123456785FR')).toEqual(['laposte', 'colissimo']);
  });

  it('an S10 number with a bad check digit ranks below the same number with a good one', () => {
    const bad = detectCarrier('LA123456789FR')[0]?.confidence ?? 0;
    const good = detectCarrier('LA123456785FR')[0]?.confidence ?? 0;
    expect(bad).toBeLessThan(good);
  });

  it('12 digits: FedEx when the FedEx check digit holds, GLS when shipped from France and it does not', () => {
    expect(top('986578788855')).toBe('fedex');
    expect(top('996578788855', { originCountry: 'FR' })).toBe('gls');
  });

  it('DPD France and DPD Germany share formats; the origin country decides', () => {
    expect(top('008182709980000020033350276C')).toBe('dpd_fr');
    expect(top('008182709980000020033350276C', { originCountry: 'DE' })).toBe('dpd_de');
    expect(top('008182709980000020033350276C', { originCountry: 'fr' })).toBe('dpd_fr');
  });

  it('an origin country adds confidence only to carriers of that country', () => {
    const plain = detectCarrier('6A12345678901');
    const fr = detectCarrier('6A12345678901', { originCountry: 'FR', destinationCountry: 'FR' });
    expect(fr[0]?.confidence).toBeGreaterThan(plain[0]?.confidence ?? 1);
    expect(detectCarrier('1Z5R89390357567127', { originCountry: 'FR' })[0]?.confidence).toBe(
      detectCarrier('1Z5R89390357567127')[0]?.confidence,
    );
  });
});

describe('detectCarrier with a carrier name', () => {
  it.each<[string, string, CarrierCode]>([
    ['colissimo', '6A12345678901', 'colissimo'],
    ['La Poste Colissimo', 'LA123456785FR', 'colissimo'],
    ['DHL', '3318810025', 'dhl_express'],
    ['dhl_express', '1Z5R89390357567127', 'dhl_express'],
    ['UPS Standard', '123', 'ups'],
    ['Mondial Relay', '986578788855', 'mondial_relay'],
  ])('"%s" wins over the number %s', (name, number, carrier) => {
    const [first] = detectCarrier(number, { carrierName: name });
    expect(first?.carrier).toBe(carrier);
    expect(first?.source).toBe('name');
  });

  it('a name outranks even a number with a valid check digit for another carrier', () => {
    const list = detectCarrier('1Z5R89390357567127', { carrierName: 'GLS' });
    expect(list.map((c) => c.carrier)).toEqual(['gls', 'ups']);
    expect(list[0]?.confidence).toBeGreaterThan(list[1]?.confidence ?? 1);
  });

  it('a name wins even when the number fits another carrier and both countries favour it', () => {
    const [first, second] = detectCarrier('RB123456785GB', {
      carrierName: 'DHL Express',
      originCountry: 'GB',
      destinationCountry: 'GB',
    });
    expect(first?.carrier).toBe('dhl_express');
    expect(second?.carrier).toBe('royal_mail');
    expect(
      detectCarrier('RB123456785GB', { carrierName: 'DHL', originCountry: 'GB', destinationCountry: 'GB' })[0]?.carrier,
    ).toBe('dhl_express');
  });

  it('property: with a recognised name, the first candidate always comes from the name', () => {
    const names = fc.constantFrom(
      'Colissimo',
      'La Poste',
      'DHL',
      'DPD',
      'GLS',
      'UPS Standard',
      'fedex',
      'Royal Mail',
      'PostNL',
      'bpost',
      'Mondial Relay',
      'Chronopost',
      'USPS',
    );
    const numbers = fc.oneof(
      fc.constantFrom(
        'RB123456785GB',
        '1Z5R89390357567127',
        '9400111201080805483016',
        '3STUNM283054292',
        'CP123456785FR',
        '008182709980000020033350276C',
        '12345678',
      ),
      fc.string({ maxLength: 30 }),
    );
    const country = fc.option(fc.constantFrom('FR', 'DE', 'GB', 'US', 'NL', 'BE'), { nil: undefined });
    fc.assert(
      fc.property(names, numbers, country, country, (carrierName, number, originCountry, destinationCountry) => {
        const hints = {
          carrierName,
          ...(originCountry ? { originCountry } : {}),
          ...(destinationCountry ? { destinationCountry } : {}),
        };
        expect(detectCarrier(number, hints)[0]?.source).toBe('name');
      }),
    );
  });

  it('a family name lets the number pick the member', () => {
    expect(top('JJD000390007882167690', { carrierName: 'DHL' })).toBe('dhl_parcel_de');
    expect(top('3318810025', { carrierName: 'DHL' })).toBe('dhl_express');
    expect(top('LA123456785FR', { carrierName: 'La Poste' })).toBe('laposte');
    expect(top('6A12345678901', { carrierName: 'La Poste' })).toBe('colissimo');
  });

  it('a family name with an unhelpful number falls back to the origin country, then to the first member', () => {
    expect(top('ABC', { carrierName: 'DPD', originCountry: 'DE' })).toBe('dpd_de');
    expect(top('ABC', { carrierName: 'DPD' })).toBe('dpd_fr');
    expect(top('ABC', { carrierName: 'DHL', originCountry: 'DE' })).toBe('dhl_parcel_de');
    expect(top('ABC', { carrierName: 'DHL' })).toBe('dhl_express');
  });

  it('the other family members follow the pick', () => {
    expect(codes('ABC', { carrierName: 'DPD' })).toEqual(['dpd_fr', 'dpd_de']);
  });

  it('an unknown name leaves the number detection as it is', () => {
    expect(detectCarrier('1Z5R89390357567127', { carrierName: 'Colis Privé' })).toEqual(
      detectCarrier('1Z5R89390357567127'),
    );
  });
});
