import { normalizeFreeText } from './normalize.js';
import type { CarrierCode } from './types.js';

/**
 * What a free-text carrier name tells us: one carrier, or a family whose member the number
 * and the countries decide (plain "DHL", "DPD", "La Poste"). `members[0]` is the default.
 */
export type CarrierNameMatch =
  { kind: 'carrier'; carrier: CarrierCode } | { kind: 'family'; members: readonly [CarrierCode, ...CarrierCode[]] };

interface NameRule {
  test: RegExp;
  match: CarrierNameMatch | null;
}

const one = (carrier: CarrierCode): CarrierNameMatch => ({ kind: 'carrier', carrier });
const family = (...members: [CarrierCode, ...CarrierCode[]]): CarrierNameMatch => ({ kind: 'family', members });

// Our own codes read back through these rules too ("dhl_express" → "dhl express").
// First match wins, so the specific names come before the words they contain
// ("La Poste Colissimo" before "La Poste", "DHL Express" before "DHL").
// A null match marks names we recognise as someone else (DPD UK, DHL eCommerce…):
// those keep the 3PL's own link rather than borrowing one of ours.
const rules: readonly NameRule[] = [
  { test: /\bchrono(post)?\b/, match: one('chronopost') },
  { test: /\bcolissimo\b/, match: one('colissimo') },
  { test: /\blettre\b/, match: one('laposte') },
  { test: /\bla ?poste\b/, match: family('colissimo', 'laposte') },
  { test: /\bmondial ?relay\b/, match: one('mondial_relay') },
  { test: /\bdpd\b.*\b(uk|local|ireland|ie)\b/, match: null },
  { test: /\bdpd\b.*\b(fr|france)\b/, match: one('dpd_fr') },
  { test: /\bdpd\b.*\b(de|germany|deutschland)\b/, match: one('dpd_de') },
  { test: /\bdpd\b/, match: family('dpd_fr', 'dpd_de') },
  { test: /\bdhl\b.*\b(ecommerce|e commerce|global mail)\b/, match: null },
  { test: /\bdhl\b.*\bexpress\b/, match: one('dhl_express') },
  { test: /\bdhl\b.*\b(paket|parcel|packet)\b/, match: one('dhl_parcel_de') },
  { test: /\bdhl\b/, match: family('dhl_express', 'dhl_parcel_de') },
  { test: /\bgls\b/, match: one('gls') },
  { test: /\bups\b/, match: one('ups') },
  { test: /\b(fedex|fed ex|federal express)\b/, match: one('fedex') },
  { test: /\b(usps|us postal|united states postal)\b/, match: one('usps') },
  { test: /\broyal ?mail\b/, match: one('royal_mail') },
  { test: /\bpost ?nl\b/, match: one('postnl') },
  { test: /\b(b ?post|bpack)\b/, match: one('bpost') },
];

/**
 * Reads a carrier name as a 3PL or a channel writes it ("La Poste Colissimo", "dhl_express",
 * "UPS Standard"). Returns null when the name is empty or belongs to a carrier we do not model.
 */
export function matchCarrierName(name: string | null | undefined): CarrierNameMatch | null {
  const text = normalizeFreeText(name ?? '');
  if (!text) return null;
  for (const rule of rules) if (rule.test.test(text)) return rule.match;
  return null;
}
