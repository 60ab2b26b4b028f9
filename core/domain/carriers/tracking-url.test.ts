import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTrackingNumber } from './normalize.js';
import { resolveTracking, shopifyCompanyName, trackingUrl } from './tracking-url.js';
import { carrierCodes, type CarrierCode, type TrackingUrlOptions } from './types.js';

describe('trackingUrl', () => {
  it.each<[CarrierCode, string, TrackingUrlOptions, string]>([
    ['colissimo', '6A12345678901', {}, 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901'],
    ['laposte', '1K12345678901', {}, 'https://www.laposte.fr/outils/suivre-vos-envois?code=1K12345678901'],
    [
      'chronopost',
      'XW123456789FR',
      {},
      'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=XW123456789FR',
    ],
    ['mondial_relay', '12345678', {}, 'https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition=12345678'],
    [
      'mondial_relay',
      '12345678',
      { postalCode: '75 001' },
      'https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition=12345678&codePostal=75001',
    ],
    ['dpd_fr', '09980000020033', {}, 'https://trace.dpd.fr/fr/trace/09980000020033'],
    [
      'dpd_de',
      '09980000020033',
      {},
      'https://www.dpdgroup.com/de/mydpd/my-parcels/track?lang=de&parcelNumber=09980000020033',
    ],
    [
      'dpd_de',
      '09980000020033',
      { locale: 'en-GB' },
      'https://www.dpdgroup.com/de/mydpd/my-parcels/track?lang=en&parcelNumber=09980000020033',
    ],
    ['gls', 'ZX4K9Q2T', {}, 'https://gls-group.com/FR/fr/suivi-colis?match=ZX4K9Q2T'],
    [
      'dhl_express',
      '3318810025',
      {},
      'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025',
    ],
    [
      'dhl_express',
      '3318810025',
      { locale: 'fr-FR' },
      'https://www.dhl.com/fr-fr/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025',
    ],
    [
      'dhl_express',
      '3318810025',
      { locale: 'en_GB' },
      'https://www.dhl.com/gb-en/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025',
    ],
    [
      'dhl_express',
      '3318810025',
      { locale: 'de' },
      'https://www.dhl.com/de-de/home/tracking/tracking-express.html?submit=1&tracking-id=3318810025',
    ],
    [
      'dhl_parcel_de',
      'JJD000390007882167690',
      {},
      'https://www.dhl.com/de-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=JJD000390007882167690',
    ],
    ['ups', '1Z5R89390357567127', {}, 'https://www.ups.com/track?tracknum=1Z5R89390357567127'],
    ['fedex', '986578788855', {}, 'https://www.fedex.com/fedextrack/?trknbr=986578788855'],
    [
      'usps',
      '9400111201080805483016',
      {},
      'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016',
    ],
    ['royal_mail', 'RB123456785GB', {}, 'https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB'],
    ['postnl', '3STUNM283054292', {}, 'https://jouw.postnl.nl/track-and-trace/3STUNM283054292'],
    [
      'postnl',
      '3STUNM283054292',
      { postalCode: '3043 LC' },
      'https://jouw.postnl.nl/track-and-trace/3STUNM283054292-NL-3043LC',
    ],
    [
      'postnl',
      '3STUNM283054292',
      { postalCode: '1000', destinationCountry: 'be' },
      'https://jouw.postnl.nl/track-and-trace/3STUNM283054292-BE-1000',
    ],
    ['bpost', 'RB123456785BE', {}, 'https://track.bpost.cloud/btr/web/#/search?itemCode=RB123456785BE&lang=en'],
    [
      'bpost',
      'RB123456785BE',
      { locale: 'nl-BE', postalCode: '1000' },
      'https://track.bpost.cloud/btr/web/#/search?itemCode=RB123456785BE&lang=nl&postalCode=1000',
    ],
  ])('%s %s %j', (carrier, number, opts, url) => {
    expect(trackingUrl(carrier, number, opts)).toBe(url);
  });

  it('normalises and encodes the number', () => {
    expect(trackingUrl('ups', ' 1z5r 8939 0357 5671 27')).toBe('https://www.ups.com/track?tracknum=1Z5R89390357567127');
    expect(trackingUrl('gls', 'A&B=C/D#E')).toBe('https://gls-group.com/FR/fr/suivi-colis?match=A%26B%3DC%2FD%23E');
  });

  it('rejects an empty number', () => {
    expect(() => trackingUrl('ups', '  ')).toThrow(RangeError);
  });

  it('every built URL is a valid https URL containing the encoded number', () => {
    const opts = fc.record(
      {
        locale: fc.constantFrom('fr-FR', 'en', 'de-DE', 'nl_BE', 'es-419', 'zz', ''),
        postalCode: fc.string({ unit: 'binary', maxLength: 12 }),
        destinationCountry: fc.string({ unit: 'binary', maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const number = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 40 })
      .filter((s) => normalizeTrackingNumber(s) !== '');
    fc.assert(
      fc.property(fc.constantFrom(...carrierCodes), number, opts, (carrier, n, o) => {
        const url = trackingUrl(carrier, n, o);
        const parsed = new URL(url);
        expect(parsed.protocol).toBe('https:');
        expect(url).toContain(encodeURIComponent(normalizeTrackingNumber(n)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('shopifyCompanyName', () => {
  // Spellings from FulfillmentTrackingInfo.company's supported list in the Admin API 2026-07 schema.
  it.each<[CarrierCode, string]>([
    ['colissimo', 'Colissimo'],
    ['chronopost', 'Chronopost'],
    ['laposte', 'La Poste Colissimo'],
    ['mondial_relay', 'Mondial Relay'],
    ['dpd_fr', 'DPD'],
    ['dpd_de', 'DPD'],
    ['gls', 'GLS'],
    ['dhl_express', 'DHL Express'],
    ['dhl_parcel_de', 'DHL'],
    ['ups', 'UPS'],
    ['fedex', 'FedEx'],
    ['usps', 'USPS'],
    ['royal_mail', 'Royal Mail'],
    ['postnl', 'PostNL'],
    ['bpost', 'BPost'],
  ])('%s → %s', (carrier, company) => {
    expect(shopifyCompanyName(carrier)).toBe(company);
  });
});

describe('resolveTracking', () => {
  it('maps a 3PL carrier name to our code, Shopify company and our URL', () => {
    expect(
      resolveTracking({ carrierName: 'La Poste Colissimo', number: '6a 1234 5678 901', url: 'http://3pl.example/t/1' }),
    ).toEqual({
      carrier: 'colissimo',
      company: 'Colissimo',
      number: '6A12345678901',
      url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    });
  });

  it('keeps the 3PL name and URL for a carrier we do not know', () => {
    expect(
      resolveTracking({
        carrierName: 'Colis Privé',
        number: 'cp 123',
        url: 'https://www.colisprive.com/moncolis/pages/detailColis.aspx?numColis=cp123',
      }),
    ).toEqual({
      carrier: null,
      company: 'Colis Privé',
      number: 'cp123',
      url: 'https://www.colisprive.com/moncolis/pages/detailColis.aspx?numColis=cp123',
    });
  });

  it('does not let the number override an unknown name', () => {
    expect(resolveTracking({ carrierName: 'Colis Privé', number: '1Z5R89390357567127', url: null }).carrier).toBeNull();
  });

  it('drops a 3PL URL that is not http(s)', () => {
    expect(resolveTracking({ carrierName: 'Acme', number: 'X1', url: 'javascript:alert(1)' }).url).toBeNull();
    expect(resolveTracking({ carrierName: 'Acme', number: 'X1', url: 'not a url' }).url).toBeNull();
  });

  it('without a name, trusts a clear-cut number', () => {
    expect(resolveTracking({ number: '1Z5R89390357567127' })).toMatchObject({ carrier: 'ups', company: 'UPS' });
    expect(resolveTracking({ number: '6A12345678901' })).toMatchObject({ carrier: 'colissimo', company: 'Colissimo' });
    expect(resolveTracking({ number: '008182709980000020033350276C', originCountry: 'DE' })).toMatchObject({
      carrier: 'dpd_de',
      company: 'DPD',
    });
  });

  it('without a name, leaves an ambiguous number unresolved and keeps the given URL', () => {
    // 12 digits with a failing FedEx check: GLS, DHL Paket, FedEx and Mondial Relay all fit weakly
    expect(resolveTracking({ number: '996578788855', url: 'https://3pl.example/track/996578788855' })).toEqual({
      carrier: null,
      company: null,
      number: '996578788855',
      url: 'https://3pl.example/track/996578788855',
    });
  });

  it('without a name, needs a clear lead over carriers of another group', () => {
    // FedEx check digit holds (0.6), but shipped from France GLS follows at 0.5
    expect(resolveTracking({ number: '986578788855' }).carrier).toBe('fedex');
    expect(resolveTracking({ number: '986578788855', originCountry: 'FR' }).carrier).toBeNull();
  });

  it('passes locale, postal code and destination to the link', () => {
    expect(
      resolveTracking({
        carrierName: 'PostNL',
        number: '3STUNM283054292',
        postalCode: '1000',
        destinationCountry: 'BE',
      }).url,
    ).toBe('https://jouw.postnl.nl/track-and-trace/3STUNM283054292-BE-1000');
    expect(resolveTracking({ carrierName: 'DHL Express', number: '3318810025', locale: 'fr-FR' }).url).toContain(
      '/fr-fr/',
    );
  });

  it('an empty number resolves to nothing', () => {
    expect(resolveTracking({ carrierName: 'UPS', number: '  ', url: null })).toEqual({
      carrier: null,
      company: 'UPS',
      number: '',
      url: null,
    });
  });
});
