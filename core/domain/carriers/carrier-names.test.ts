import { describe, expect, it } from 'vitest';
import { matchCarrierName } from './carrier-names.js';

describe('matchCarrierName', () => {
  it.each([
    ['colissimo', 'colissimo'],
    ['La Poste Colissimo', 'colissimo'],
    ['COLISSIMO Expert', 'colissimo'],
    ['Chronopost', 'chronopost'],
    ['chrono 13', 'chronopost'],
    ['Lettre suivie', 'laposte'],
    ['Mondial Relay', 'mondial_relay'],
    ['mondial_relay', 'mondial_relay'],
    ['MondialRelay', 'mondial_relay'],
    ['DPD France', 'dpd_fr'],
    ['dpd_fr', 'dpd_fr'],
    ['DPD Deutschland', 'dpd_de'],
    ['dpd_de', 'dpd_de'],
    ['GLS', 'gls'],
    ['GLS France', 'gls'],
    ['DHL Express', 'dhl_express'],
    ['dhl_express', 'dhl_express'],
    ['DHL Paket', 'dhl_parcel_de'],
    ['dhl_parcel_de', 'dhl_parcel_de'],
    ['UPS Standard', 'ups'],
    ['ups_express_saver', 'ups'],
    ['FedEx', 'fedex'],
    ['Federal Express', 'fedex'],
    ['USPS Priority Mail', 'usps'],
    ['Royal Mail Tracked 48', 'royal_mail'],
    ['royal_mail', 'royal_mail'],
    ['PostNL', 'postnl'],
    ['Post NL', 'postnl'],
    ['bpost', 'bpost'],
    ['BPost International', 'bpost'],
  ])('%s → %s', (name, code) => {
    expect(matchCarrierName(name)).toEqual({ kind: 'carrier', carrier: code });
  });

  it.each([
    ['DHL', ['dhl_express', 'dhl_parcel_de']],
    ['dhl', ['dhl_express', 'dhl_parcel_de']],
    ['DPD', ['dpd_fr', 'dpd_de']],
    ['La Poste', ['colissimo', 'laposte']],
    ['laposte', ['colissimo', 'laposte']],
  ])('%s names a family', (name, members) => {
    expect(matchCarrierName(name)).toEqual({ kind: 'family', members });
  });

  it.each(['', '   ', 'Colis Privé', 'DPD UK', 'DPD Local', 'DHL eCommerce', 'Hermes', 'groups', 'upsilon'])(
    '"%s" is not one of ours',
    (name) => {
      expect(matchCarrierName(name)).toBeNull();
    },
  );
});
