export { carrierCodes } from './types.js';
export type {
  CarrierCode,
  CountryCode,
  TrackingUrlOptions,
  DetectionHints,
  CandidateSource,
  CarrierCandidate,
  TrackingReport,
  ResolvedTracking,
} from './types.js';
export { carrierTable, carrierDefinitions } from './carrier-table.js';
export type { CarrierDefinition, NumberPattern } from './carrier-table.js';
export { matchCarrierName } from './carrier-names.js';
export type { CarrierNameMatch } from './carrier-names.js';
export { detectCarrier } from './detect-carrier.js';
export { trackingUrl, shopifyCompanyName, resolveTracking } from './tracking-url.js';
export { normalizeTrackingNumber } from './normalize.js';
export { isValidS10, mod3736CheckChar } from './checksums.js';
export { marketplaceCarrierCodes, amazonCarrier, findListedCarrier, miraklTracking } from './marketplace-codes.js';
export type { MarketplaceCarrierCodes, AmazonCarrier, ListedCarrier, MiraklTracking } from './marketplace-codes.js';
