/** Our own carrier codes; every other system's spelling is mapped from and to these. */
export const carrierCodes = [
  'colissimo',
  'chronopost',
  'laposte',
  'mondial_relay',
  'dpd_fr',
  'dpd_de',
  'gls',
  'dhl_express',
  'dhl_parcel_de',
  'ups',
  'fedex',
  'usps',
  'royal_mail',
  'postnl',
  'bpost',
] as const;

/** A carrier we know how to recognise and link to. */
export type CarrierCode = (typeof carrierCodes)[number];

/** ISO 3166-1 alpha-2 country code, upper case (e.g. "FR"). */
export type CountryCode = string;

/** Options for building a tracking link. */
export interface TrackingUrlOptions {
  /** BCP 47 locale of the reader, e.g. "fr-FR" or "en"; picks the page language where the carrier has one. */
  locale?: string;
  /** Destination postal code; PostNL and Bpost show details only with it, Mondial Relay accepts it. */
  postalCode?: string;
  /** Destination country; PostNL's link carries it (defaults to NL). */
  destinationCountry?: CountryCode;
}

/** Context that narrows detection: what the 3PL said and where the parcel travels. */
export interface DetectionHints {
  /** Free-text carrier name as given by a 3PL or channel ("La Poste Colissimo", "dhl_express"). */
  carrierName?: string;
  destinationCountry?: CountryCode;
  originCountry?: CountryCode;
}

/** Why a candidate was proposed. */
export type CandidateSource = 'name' | 'number';

/** One ranked guess of the carrier behind a tracking number. */
export interface CarrierCandidate {
  carrier: CarrierCode;
  /** 0..1; a recognised carrier name scores above any number pattern. */
  confidence: number;
  source: CandidateSource;
  /** Human-readable reasons, e.g. "matches S10 ...FR (check digit ok)". */
  reasons: string[];
}

/** Input of {@link resolveTracking}: what a 3PL reported for one parcel. */
export interface TrackingReport {
  carrierName?: string | null;
  number: string;
  url?: string | null;
  destinationCountry?: CountryCode;
  originCountry?: CountryCode;
  postalCode?: string;
  locale?: string;
}

/** Tracking details ready to send to Shopify and to show to the customer. */
export interface ResolvedTracking {
  /** Our carrier code, or null when neither the name nor the number identify one. */
  carrier: CarrierCode | null;
  /** Shopify `trackingInfo.company`: the exact Shopify spelling for known carriers, else the 3PL's name (null if none). */
  company: string | null;
  /** The tracking number, spaces removed (and upper-cased for known carriers). */
  number: string;
  /** Our link for known carriers; the 3PL's link (if it is a valid http(s) URL) otherwise. */
  url: string | null;
}
