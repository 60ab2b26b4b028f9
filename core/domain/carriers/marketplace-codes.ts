import { matchCarrierName } from './carrier-names.js';
import type { CarrierCode } from './types.js';

/**
 * How each marketplace spells a carrier in its confirm-shipment call. Every value here is
 * unverified: the research note (channels-3pl-carriers §1.4, §2.2, §3.3) had no stored copy of
 * Amazon's carrierCode list, eBay's GeteBayDetails(ShippingCarrierDetails) or any Mirakl
 * operator's SH21 list. Values are its examples ("Colissimo" on Amazon, "COLISSIMO" on eBay) and
 * widely used spellings for the big four; null means "look it up in the live list, else fall back".
 */
export interface MarketplaceCarrierCodes {
  /** Amazon SP-API `packageDetail.carrierCode`; null → "Other" plus `carrierName`. */
  amazon: string | null;
  /** eBay `shippingCarrierCode`; null → match the cached ShippingCarrierDetails list by name. */
  ebay: string | null;
}

export const marketplaceCarrierCodes: Readonly<Record<CarrierCode, MarketplaceCarrierCodes>> = {
  colissimo: { amazon: 'Colissimo', ebay: 'COLISSIMO' },
  chronopost: { amazon: 'Chronopost', ebay: null },
  laposte: { amazon: null, ebay: null },
  mondial_relay: { amazon: null, ebay: null },
  dpd_fr: { amazon: 'DPD', ebay: null },
  dpd_de: { amazon: 'DPD', ebay: null },
  gls: { amazon: 'GLS', ebay: null },
  dhl_express: { amazon: 'DHL', ebay: 'DHL' },
  dhl_parcel_de: { amazon: 'DHL', ebay: null },
  ups: { amazon: 'UPS', ebay: 'UPS' },
  fedex: { amazon: 'FedEx', ebay: 'FedEx' },
  usps: { amazon: 'USPS', ebay: 'USPS' },
  royal_mail: { amazon: 'Royal Mail', ebay: null },
  postnl: { amazon: null, ebay: null },
  bpost: { amazon: null, ebay: null },
};

/** Amazon's carrier fields for confirmShipment: a listed code, or "Other" with the name. */
export interface AmazonCarrier {
  carrierCode: string;
  carrierName?: string;
}

/** `company` is the name to show when the carrier has no Amazon code (usually the Shopify company or the 3PL's name). */
export function amazonCarrier(carrier: CarrierCode | null, company: string): AmazonCarrier {
  const code = carrier ? marketplaceCarrierCodes[carrier].amazon : null;
  return code ? { carrierCode: code } : { carrierCode: 'Other', carrierName: company };
}

/** One entry of a carrier list a marketplace publishes (eBay ShippingCarrierDetails, Mirakl SH21). */
export interface ListedCarrier {
  code: string;
  label: string;
}

/**
 * Finds our carrier in a marketplace's own list by reading each label as a carrier name, so
 * "Colissimo - La Poste" or "DHL Express" land on our code. `preferredCode` (our table's value)
 * wins when the list has it; a family entry ("DHL") is used only when no entry names the service.
 */
export function findListedCarrier(
  carrier: CarrierCode,
  list: readonly ListedCarrier[],
  preferredCode: string | null = null,
): ListedCarrier | null {
  if (preferredCode) {
    const exact = list.find((c) => c.code.toLowerCase() === preferredCode.toLowerCase());
    if (exact) return exact;
  }
  let familyMatch: ListedCarrier | null = null;
  for (const entry of list) {
    const m = matchCarrierName(entry.label) ?? matchCarrierName(entry.code);
    if (!m) continue;
    if (m.kind === 'carrier' && m.carrier === carrier) return entry;
    // a generic "DHL" or "La Poste" entry is the fallback when no entry names the exact service
    if (m.kind === 'family' && m.members.includes(carrier)) familyMatch ??= entry;
  }
  return familyMatch;
}

/** Mirakl OR23 tracking body: a registered carrier code, or name + URL for unregistered ones. */
export type MiraklTracking =
  | { carrier_code: string; tracking_number: string }
  | { carrier_name: string; carrier_url: string | null; tracking_number: string };

/** Builds the OR23 body from the operator's SH21 carrier list. */
export function miraklTracking(
  carrier: CarrierCode | null,
  operatorCarriers: readonly ListedCarrier[],
  tracking: { company: string; number: string; url: string | null },
): MiraklTracking {
  const listed = carrier ? findListedCarrier(carrier, operatorCarriers) : null;
  if (listed) return { carrier_code: listed.code, tracking_number: tracking.number };
  return { carrier_name: tracking.company, carrier_url: tracking.url, tracking_number: tracking.number };
}
