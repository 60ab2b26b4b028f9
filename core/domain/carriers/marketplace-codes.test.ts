import { describe, expect, it } from 'vitest';
import {
  amazonCarrier,
  findListedCarrier,
  marketplaceCarrierCodes,
  miraklTracking,
  type ListedCarrier,
} from './marketplace-codes.js';
import { carrierCodes } from './types.js';

describe('marketplace carrier codes', () => {
  it('has an entry for every carrier', () => {
    expect(Object.keys(marketplaceCarrierCodes).sort()).toEqual([...carrierCodes].sort());
  });

  it('Amazon: a listed code, else Other with the company name', () => {
    expect(amazonCarrier('colissimo', 'Colissimo')).toEqual({ carrierCode: 'Colissimo' });
    expect(amazonCarrier('mondial_relay', 'Mondial Relay')).toEqual({
      carrierCode: 'Other',
      carrierName: 'Mondial Relay',
    });
    expect(amazonCarrier(null, 'Colis Privé')).toEqual({ carrierCode: 'Other', carrierName: 'Colis Privé' });
  });

  const sh21: ListedCarrier[] = [
    { code: 'DHL', label: 'DHL' },
    { code: 'DHLEXP', label: 'DHL Express' },
    { code: 'colis-ensemble', label: 'La Poste' },
    { code: 'COLI', label: 'Colissimo - La Poste' },
    { code: 'MR', label: 'Mondial Relay' },
  ];

  it('finds our carrier in a published list by its label', () => {
    expect(findListedCarrier('dhl_express', sh21)?.code).toBe('DHLEXP');
    expect(findListedCarrier('colissimo', sh21)?.code).toBe('COLI');
    expect(findListedCarrier('mondial_relay', sh21)?.code).toBe('MR');
  });

  it('falls back to a family entry, and to nothing', () => {
    expect(findListedCarrier('dhl_parcel_de', sh21)?.code).toBe('DHL');
    expect(findListedCarrier('laposte', sh21)?.code).toBe('colis-ensemble');
    expect(findListedCarrier('ups', sh21)).toBeNull();
  });

  it('prefers the code from our table when the list has it', () => {
    expect(
      findListedCarrier(
        'colissimo',
        [
          { code: 'Colissimo2', label: 'Colissimo' },
          { code: 'COLISSIMO', label: 'Something' },
        ],
        'colissimo',
      )?.code,
    ).toBe('COLISSIMO');
  });

  it('Mirakl OR23: registered carriers by code, others by name and URL', () => {
    expect(
      miraklTracking('mondial_relay', sh21, { company: 'Mondial Relay', number: '12345678', url: 'https://x.example' }),
    ).toEqual({ carrier_code: 'MR', tracking_number: '12345678' });
    expect(
      miraklTracking('ups', sh21, {
        company: 'UPS',
        number: '1Z5R89390357567127',
        url: 'https://www.ups.com/track?tracknum=1Z5R89390357567127',
      }),
    ).toEqual({
      carrier_name: 'UPS',
      carrier_url: 'https://www.ups.com/track?tracknum=1Z5R89390357567127',
      tracking_number: '1Z5R89390357567127',
    });
  });
});
