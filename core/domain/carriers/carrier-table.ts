import {
  isValidMod10,
  isValidMod7,
  isValidS10,
  isValidUps1Z,
  isValidWeightedModulo,
  mod3736CheckChar,
} from './checksums.js';
import { encodeUrlPart, parseLocale, pickLanguage } from './normalize.js';
import type { CarrierCode, CountryCode, TrackingUrlOptions } from './types.js';

/**
 * One shape a carrier's numbers take. Patterns are hints (formats overlap), so each carries
 * a base confidence; a failed check digit halves it.
 */
export interface NumberPattern {
  label: string;
  regex: RegExp;
  confidence: number;
  check?: (normalized: string) => boolean;
}

/** Everything we know about one carrier, keyed by our code. */
export interface CarrierDefinition {
  code: CarrierCode;
  displayName: string;
  /** Exact spelling from Shopify's FulfillmentTrackingInfo supported-company list (Admin API 2026-07). */
  shopifyCompany: string;
  /** Countries where the carrier is the usual choice; an origin or destination here nudges detection. */
  countries: readonly CountryCode[];
  /**
   * Carriers sharing a group do not count as rival guesses: DPD France and DPD Germany, and
   * Colissimo and Lettre suivie (same La Poste tracking page, so either pick gives a working link).
   */
  group: string;
  patterns: readonly NumberPattern[];
  /** Builds the link; `n` is already normalised and URL-encoded. */
  url: (n: string, opts: TrackingUrlOptions) => string;
}

const laPosteUrl = (n: string): string => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`;
const laPosteDomestic = /^\d[A-Z]\d{11}$/;
const s10 = (prefix: string, country: string): RegExp => new RegExp(`^${prefix}\\d{9}${country}$`);

const fedex12Weights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
const fedex34Weights = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

const uspsImpb = (n: string): boolean => isValidMod10(n.slice(0, -1), n.slice(-1), 3, 1);
const uspsWithZip = (n: string): boolean => {
  const m = /^420(?:\d{5}|\d{9})(9[1-5]\d{20})$/.exec(n);
  return m !== null && uspsImpb(m[1] ?? '');
};
const dpdCheck = (n: string): boolean => mod3736CheckChar(n.slice(0, -1)) === n.slice(-1);

const dpdPatterns: readonly NumberPattern[] = [
  // DPD parcel number: 14 digits, optionally followed by its ISO 7064 MOD 37,36 check character
  { label: 'DPD 14-digit parcel number', regex: /^\d{14}$/, confidence: 0.55 },
  { label: 'DPD parcel number + check character', regex: /^\d{14}[A-Z0-9]$/, confidence: 0.85, check: dpdCheck },
  { label: 'DPD 28-character label barcode', regex: /^\d{27}[A-Z0-9]$/, confidence: 0.9, check: dpdCheck },
];

/** DHL's site path is `<country>-<language>` (dhl.com/fr-fr, /de-de, /gb-en); "global-en" otherwise. */
const dhlSitePath = (locale: string | undefined): string => {
  const { language, region } = parseLocale(locale);
  if (!language || language.length !== 2) return 'global-en';
  if (region && /^[A-Z]{2}$/.test(region)) return `${region.toLowerCase()}-${language}`;
  return language === 'en' ? 'global-en' : `${language}-${language}`;
};

const postalCodeParam = (opts: TrackingUrlOptions): string => opts.postalCode?.replace(/\s+/g, '') ?? '';

export const carrierTable: Readonly<Record<CarrierCode, CarrierDefinition>> = {
  colissimo: {
    code: 'colissimo',
    displayName: 'Colissimo',
    shopifyCompany: 'Colissimo',
    countries: ['FR'],
    group: 'la_poste',
    patterns: [
      { label: 'La Poste 13-character parcel number', regex: laPosteDomestic, confidence: 0.6 },
      // UPU S10 service indicators C and H are parcel post
      { label: 'S10 parcel from France', regex: s10('[CH][A-Z]', 'FR'), confidence: 0.85, check: isValidS10 },
      { label: 'S10 item from France', regex: s10('[A-Z]{2}', 'FR'), confidence: 0.35, check: isValidS10 },
    ],
    url: laPosteUrl,
  },
  laposte: {
    code: 'laposte',
    displayName: 'La Poste (Lettre suivie)',
    // Shopify's 2026-07 list has no plain "La Poste"; this is its only La Poste entry for France.
    shopifyCompany: 'La Poste Colissimo',
    countries: ['FR'],
    group: 'la_poste',
    patterns: [
      { label: 'La Poste 13-character number', regex: laPosteDomestic, confidence: 0.45 },
      // UPU S10 service indicators L, R, U and V are letter post
      { label: 'S10 letter from France', regex: s10('[LRUV][A-Z]', 'FR'), confidence: 0.8, check: isValidS10 },
    ],
    url: laPosteUrl,
  },
  chronopost: {
    code: 'chronopost',
    displayName: 'Chronopost',
    shopifyCompany: 'Chronopost',
    countries: ['FR'],
    group: 'chronopost',
    patterns: [
      // X numbers are Chronopost's own and follow no S10 check; E is EMS, which Chronopost carries for France
      { label: 'Chronopost X number from France', regex: s10('X[A-Z]', 'FR'), confidence: 0.8 },
      { label: 'EMS item from France', regex: s10('E[A-Z]', 'FR'), confidence: 0.8, check: isValidS10 },
    ],
    url: (n) => `https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=${n}`,
  },
  mondial_relay: {
    code: 'mondial_relay',
    displayName: 'Mondial Relay',
    shopifyCompany: 'Mondial Relay',
    countries: ['FR', 'BE', 'LU', 'ES', 'NL', 'PT'],
    group: 'mondial_relay',
    patterns: [
      { label: 'Mondial Relay 8-digit expedition number', regex: /^\d{8}$/, confidence: 0.6 },
      { label: 'Mondial Relay 10-12 digit number', regex: /^\d{10,12}$/, confidence: 0.25 },
    ],
    url: (n, opts) => {
      const pc = postalCodeParam(opts);
      return `https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition=${n}${pc ? `&codePostal=${encodeUrlPart(pc)}` : ''}`;
    },
  },
  dpd_fr: {
    code: 'dpd_fr',
    displayName: 'DPD France',
    shopifyCompany: 'DPD',
    countries: ['FR'],
    group: 'dpd',
    patterns: dpdPatterns,
    url: (n) => `https://trace.dpd.fr/fr/trace/${n}`,
  },
  dpd_de: {
    code: 'dpd_de',
    displayName: 'DPD Germany',
    shopifyCompany: 'DPD',
    countries: ['DE', 'AT'],
    group: 'dpd',
    // same number formats as DPD France; only the tracking site differs (DPD group page)
    patterns: dpdPatterns,
    url: (n, opts) =>
      `https://www.dpdgroup.com/de/mydpd/my-parcels/track?lang=${pickLanguage(opts.locale, ['de', 'en'], 'de')}&parcelNumber=${n}`,
  },
  gls: {
    code: 'gls',
    displayName: 'GLS',
    shopifyCompany: 'GLS',
    countries: ['FR', 'DE', 'BE', 'NL', 'ES', 'IT', 'AT', 'DK', 'PL'],
    group: 'gls',
    patterns: [
      { label: 'GLS 11-12 digit parcel number', regex: /^\d{11,12}$/, confidence: 0.4 },
      { label: 'GLS 8-character TrackID', regex: /^(?=.*[A-Z])(?=.*\d)[A-Z0-9]{8}$/, confidence: 0.45 },
    ],
    url: (n) => `https://gls-group.com/FR/fr/suivi-colis?match=${n}`,
  },
  dhl_express: {
    code: 'dhl_express',
    displayName: 'DHL Express',
    shopifyCompany: 'DHL Express',
    countries: [],
    group: 'dhl_express',
    patterns: [
      { label: 'DHL Express 10-digit air waybill', regex: /^\d{10}$/, confidence: 0.65, check: isValidMod7 },
      { label: 'DHL Express 11-digit air waybill', regex: /^\d{11}$/, confidence: 0.5, check: isValidMod7 },
      { label: 'DHL Express piece id', regex: /^J[A-Z]{2,3}\d{9,10}$/, confidence: 0.75 },
    ],
    url: (n, opts) =>
      `https://www.dhl.com/${dhlSitePath(opts.locale)}/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  },
  dhl_parcel_de: {
    code: 'dhl_parcel_de',
    displayName: 'DHL Paket',
    // listed for shops in Germany
    shopifyCompany: 'DHL',
    countries: ['DE'],
    group: 'dhl_parcel_de',
    patterns: [
      { label: 'DHL Paket JJD number', regex: /^JJD\d{18,20}$/, confidence: 0.85 },
      { label: 'DHL Paket 12-digit number', regex: /^\d{12}$/, confidence: 0.35 },
      { label: 'DHL Paket 20-digit number', regex: /^\d{20}$/, confidence: 0.35 },
    ],
    url: (n, opts) =>
      `https://www.dhl.com/${pickLanguage(opts.locale, ['de', 'en'], 'en') === 'de' ? 'de-de' : 'de-en'}/home/tracking/tracking-parcel.html?submit=1&tracking-id=${n}`,
  },
  ups: {
    code: 'ups',
    displayName: 'UPS',
    shopifyCompany: 'UPS',
    countries: [],
    group: 'ups',
    patterns: [
      { label: 'UPS 1Z number', regex: /^1Z[A-Z0-9]{16}$/, confidence: 0.95, check: isValidUps1Z },
      { label: 'UPS waybill', regex: /^[AHJKTV]\d{10}$/, confidence: 0.5 },
    ],
    url: (n) => `https://www.ups.com/track?tracknum=${n}`,
  },
  fedex: {
    code: 'fedex',
    displayName: 'FedEx',
    shopifyCompany: 'FedEx',
    countries: ['US'],
    group: 'fedex',
    patterns: [
      {
        label: 'FedEx Express 12-digit number',
        regex: /^\d{12}$/,
        confidence: 0.6,
        check: (n) => isValidWeightedModulo(n.slice(0, 11), n.slice(11), fedex12Weights, 11, 10),
      },
      {
        label: 'FedEx Ground 15-digit number',
        regex: /^\d{15}$/,
        confidence: 0.55,
        check: (n) => isValidMod10(n.slice(0, 14), n.slice(14), 1, 3),
      },
      {
        label: 'FedEx Ground 96 barcode',
        regex: /^96\d{20}$/,
        confidence: 0.85,
        check: (n) => isValidMod10(n.slice(7, 21), n.slice(21), 1, 3),
      },
      { label: 'FedEx SSCC', regex: /^\d{20}$/, confidence: 0.3 },
      {
        label: 'FedEx 34-digit barcode',
        regex: /^\d{34}$/,
        confidence: 0.7,
        check: (n) => isValidWeightedModulo(n.slice(20, 33), n.slice(33), fedex34Weights, 11, 10),
      },
    ],
    url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  },
  usps: {
    code: 'usps',
    displayName: 'USPS',
    shopifyCompany: 'USPS',
    countries: ['US'],
    group: 'usps',
    patterns: [
      { label: 'USPS IMpb 22-digit number', regex: /^9[1-5]\d{20}$/, confidence: 0.9, check: uspsImpb },
      { label: 'USPS IMpb 26-digit number', regex: /^9[1-5]\d{24}$/, confidence: 0.8, check: uspsImpb },
      {
        label: 'USPS IMpb with 420 + ZIP routing',
        regex: /^420(?:\d{5}|\d{9})9[1-5]\d{20}$/,
        confidence: 0.9,
        check: uspsWithZip,
      },
      { label: 'USPS 20-digit number', regex: /^\d{20}$/, confidence: 0.45, check: uspsImpb },
      { label: 'S10 item from the US', regex: s10('[A-Z]{2}', 'US'), confidence: 0.9, check: isValidS10 },
    ],
    url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  },
  royal_mail: {
    code: 'royal_mail',
    displayName: 'Royal Mail',
    shopifyCompany: 'Royal Mail',
    countries: ['GB'],
    group: 'royal_mail',
    patterns: [{ label: 'S10 item from the UK', regex: s10('[A-Z]{2}', 'GB'), confidence: 0.9, check: isValidS10 }],
    url: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  },
  postnl: {
    code: 'postnl',
    displayName: 'PostNL',
    shopifyCompany: 'PostNL',
    countries: ['NL'],
    group: 'postnl',
    patterns: [
      { label: 'PostNL 3S barcode', regex: /^3S[A-Z0-9]{11,13}$/, confidence: 0.9 },
      { label: 'S10 item from the Netherlands', regex: s10('[A-Z]{2}', 'NL'), confidence: 0.9, check: isValidS10 },
    ],
    url: (n, opts) => {
      const pc = postalCodeParam(opts);
      // without a postcode, the bare page (widely used in public code) asks the reader for it
      if (!pc) return `https://jouw.postnl.nl/track-and-trace/${n}`;
      const cc = (opts.destinationCountry ?? 'NL').toUpperCase();
      return `https://jouw.postnl.nl/track-and-trace/${n}-${encodeUrlPart(cc)}-${encodeUrlPart(pc)}`;
    },
  },
  bpost: {
    code: 'bpost',
    displayName: 'bpost',
    shopifyCompany: 'BPost',
    countries: ['BE'],
    group: 'bpost',
    patterns: [
      { label: 'bpost 24-digit barcode', regex: /^\d{24}$/, confidence: 0.55 },
      { label: 'S10 item from Belgium', regex: s10('[A-Z]{2}', 'BE'), confidence: 0.9, check: isValidS10 },
    ],
    url: (n, opts) => {
      const pc = postalCodeParam(opts);
      const lang = pickLanguage(opts.locale, ['en', 'fr', 'nl'], 'en');
      return `https://track.bpost.cloud/btr/web/#/search?itemCode=${n}&lang=${lang}${pc ? `&postalCode=${encodeUrlPart(pc)}` : ''}`;
    },
  },
};

/** Carrier definitions in table order (the order ties are broken in). */
export const carrierDefinitions: readonly CarrierDefinition[] = Object.values(carrierTable);
