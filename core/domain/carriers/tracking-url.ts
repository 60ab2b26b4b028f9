import { matchCarrierName } from './carrier-names.js';
import { carrierTable } from './carrier-table.js';
import { detectCarrier } from './detect-carrier.js';
import { encodeUrlPart, normalizeTrackingNumber } from './normalize.js';
import type { CarrierCandidate, CarrierCode, ResolvedTracking, TrackingReport, TrackingUrlOptions } from './types.js';

/**
 * The carrier's public tracking page for `number` (spaces removed, upper-cased, URL-encoded).
 * Throws RangeError on a number that is empty once spaces are removed: a caller bug, not an outcome.
 */
export function trackingUrl(carrier: CarrierCode, number: string, opts: TrackingUrlOptions = {}): string {
  const normalized = normalizeTrackingNumber(number);
  if (!normalized) throw new RangeError('tracking number is empty');
  return carrierTable[carrier].url(encodeUrlPart(normalized), opts);
}

/** The exact `trackingInfo.company` string Shopify recognises for the carrier (Admin API 2026-07 list). */
export function shopifyCompanyName(carrier: CarrierCode): string {
  return carrierTable[carrier].shopifyCompany;
}

// Detection from the number alone is trusted only when it is clear-cut.
const minNumberConfidence = 0.6;
const minLeadOverRival = 0.15;
const epsilon = 1e-9;

function confidentFromNumber(candidates: readonly CarrierCandidate[]): CarrierCode | null {
  const [top, ...rest] = candidates;
  if (!top || top.confidence < minNumberConfidence - epsilon) return null;
  const group = carrierTable[top.carrier].group;
  const rival = rest.find((c) => carrierTable[c.carrier].group !== group);
  if (rival && top.confidence - rival.confidence < minLeadOverRival - epsilon) return null;
  return top.carrier;
}

function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Turns what a 3PL reported into what we send to Shopify and the customer. A recognised
 * carrier name decides the carrier; with no name, the number decides only when unambiguous.
 * A name we do not recognise (e.g. "Colis Privé") keeps the 3PL's name and link untouched.
 */
export function resolveTracking(report: TrackingReport): ResolvedTracking {
  const compact = report.number.replace(/\s+/g, '');
  const name = report.carrierName?.trim() || null;
  const hints = {
    ...(name ? { carrierName: name } : {}),
    ...(report.originCountry ? { originCountry: report.originCountry } : {}),
    ...(report.destinationCountry ? { destinationCountry: report.destinationCountry } : {}),
  };

  let carrier: CarrierCode | null = null;
  if (compact) {
    const candidates = detectCarrier(compact, hints);
    if (name) {
      carrier = matchCarrierName(name) ? (candidates[0]?.carrier ?? null) : null;
    } else {
      carrier = confidentFromNumber(candidates);
    }
  }

  if (!carrier) return { carrier: null, company: name, number: compact, url: safeHttpUrl(report.url) };
  const opts: TrackingUrlOptions = {
    ...(report.locale ? { locale: report.locale } : {}),
    ...(report.postalCode ? { postalCode: report.postalCode } : {}),
    ...(report.destinationCountry ? { destinationCountry: report.destinationCountry } : {}),
  };
  return {
    carrier,
    company: shopifyCompanyName(carrier),
    number: normalizeTrackingNumber(compact),
    url: trackingUrl(carrier, compact, opts),
  };
}
