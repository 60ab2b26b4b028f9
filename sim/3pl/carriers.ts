import type { Prng } from '../shopify/core/prng.js';
import { mod10CheckDigit, mod3736CheckChar, mod7CheckDigit, s10CheckDigit } from './check-digits.js';

/** The carriers the robot hands parcels to. */
export const carrierNames = ['colissimo', 'chronopost', 'mondial_relay', 'dpd', 'gls', 'dhl_express', 'ups'] as const;

/** One carrier the robot can use. */
export type CarrierName = (typeof carrierNames)[number];

/** Relative weights of each carrier among the parcels; absent carriers are never used. */
export type CarrierMix = Partial<Record<CarrierName, number>>;

/** How a carrier looks from the warehouse floor: the name written in reports, its labels, its public page. */
export interface CarrierProfile {
  name: CarrierName;
  /** As a 3PL's WMS writes it in the shipment report. */
  label: string;
  /** A fresh label number, check character included. */
  trackingNumber(random: Prng): string;
  /** The carrier's public tracking page for `number`. */
  trackingUrl(number: string): string;
}

const digits = (random: Prng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(random.int(0, 9));
  return s;
};
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const letter = (random: Prng): string => random.pick([...letters]);

export const carrierProfiles: Readonly<Record<CarrierName, CarrierProfile>> = {
  colissimo: {
    name: 'colissimo',
    label: 'Colissimo',
    // 13 characters: product code (6A = domicile sans signature), 10-digit serial, a mod-10 key
    trackingNumber: (random) => {
      const serial = digits(random, 10);
      return `6A${serial}${mod10CheckDigit(serial, 3, 1)}`;
    },
    trackingUrl: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${encodeURIComponent(n)}`,
  },
  chronopost: {
    name: 'chronopost',
    label: 'Chronopost',
    // S10-shaped: X + service letter, 8 serial digits and their S10 check, FR
    trackingNumber: (random) => {
      const serial = digits(random, 8);
      return `X${random.pick(['W', 'Y', 'R'])}${serial}${s10CheckDigit(serial)}FR`;
    },
    trackingUrl: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${encodeURIComponent(n)}`,
  },
  mondial_relay: {
    name: 'mondial_relay',
    label: 'Mondial Relay',
    // the 8-digit expedition number shown to the customer
    trackingNumber: (random) => `${random.int(1, 9)}${digits(random, 7)}`,
    trackingUrl: (n) => `https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition=${encodeURIComponent(n)}`,
  },
  dpd: {
    name: 'dpd',
    label: 'DPD France',
    // 14-digit parcel number (4-digit depot, 10-digit serial) and its MOD 37,36 check character
    trackingNumber: (random) => {
      const n = `0${random.int(100, 999)}${digits(random, 10)}`;
      return `${n}${mod3736CheckChar(n)}`;
    },
    trackingUrl: (n) => `https://trace.dpd.fr/fr/trace/${encodeURIComponent(n)}`,
  },
  gls: {
    name: 'gls',
    label: 'GLS',
    // the 8-character TrackID GLS gives the recipient: letters and digits mixed
    trackingNumber: (random) => {
      const chars = [letter(random), String(random.int(0, 9))];
      while (chars.length < 8) chars.push(random.chance(0.5) ? letter(random) : String(random.int(0, 9)));
      for (let i = chars.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
      }
      return chars.join('');
    },
    trackingUrl: (n) => `https://gls-group.com/FR/fr/suivi-colis?match=${encodeURIComponent(n)}`,
  },
  dhl_express: {
    name: 'dhl_express',
    label: 'DHL Express',
    // 10-digit air waybill: 9-digit serial and its remainder modulo 7
    trackingNumber: (random) => {
      const serial = `${random.int(1, 9)}${digits(random, 8)}`;
      return `${serial}${mod7CheckDigit(serial)}`;
    },
    trackingUrl: (n) =>
      `https://www.dhl.com/fr-fr/home/tracking/tracking-express.html?submit=1&tracking-id=${encodeURIComponent(n)}`,
  },
  ups: {
    name: 'ups',
    label: 'UPS',
    // 1Z + 6-character shipper account + 2-digit service (11 Standard, 65 Saver) + 7-digit package + check
    trackingNumber: (random) => {
      let account = '';
      for (let i = 0; i < 6; i++) account += random.chance(0.3) ? letter(random) : String(random.int(0, 9));
      const body = `${account}${random.pick(['11', '65'])}${digits(random, 7)}`;
      return `1Z${body}${mod10CheckDigit(body, 1, 2)}`;
    },
    trackingUrl: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  },
};

/** A 3PL in France: mostly La Poste, then relay points and parcel networks, a little express. */
export const defaultCarrierMix: CarrierMix = {
  colissimo: 40,
  mondial_relay: 15,
  dpd: 12,
  gls: 10,
  chronopost: 10,
  ups: 8,
  dhl_express: 5,
};

/** Picks a carrier by weight. Throws when the mix gives no carrier a positive weight. */
export function pickCarrier(mix: CarrierMix, random: Prng): CarrierProfile {
  const entries = carrierNames.map((n) => [n, Math.max(0, mix[n] ?? 0)] as const).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (total <= 0) throw new Error('the carrier mix gives no carrier a positive weight');
  let x = random.next() * total;
  for (const [name, w] of entries) {
    x -= w;
    if (x < 0) return carrierProfiles[name];
  }
  return carrierProfiles[entries.at(-1)![0]];
}
