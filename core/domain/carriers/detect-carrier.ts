import { matchCarrierName } from './carrier-names.js';
import { carrierDefinitions, carrierTable, type CarrierDefinition } from './carrier-table.js';
import { normalizeTrackingNumber } from './normalize.js';
import type { CarrierCandidate, CarrierCode, DetectionHints } from './types.js';

// A number pattern never outranks a carrier name the 3PL gave us.
const numberCeiling = 0.95;
const nameConfidence = 1;
const familyPickConfidence = 0.97;
const familyAlternateConfidence = 0.5;
const originBoost = 0.1;
const destinationBoost = 0.05;

const round = (x: number): number => Math.round(x * 1000) / 1000;

function countryBoost(def: CarrierDefinition, hints: DetectionHints): { boost: number; reasons: string[] } {
  const reasons: string[] = [];
  let boost = 0;
  const origin = hints.originCountry?.toUpperCase();
  const destination = hints.destinationCountry?.toUpperCase();
  if (origin && def.countries.includes(origin)) {
    boost += originBoost;
    reasons.push(`ships from ${origin}`);
  }
  if (destination && def.countries.includes(destination)) {
    boost += destinationBoost;
    reasons.push(`delivers in ${destination}`);
  }
  return { boost, reasons };
}

function matchNumber(def: CarrierDefinition, number: string, hints: DetectionHints): CarrierCandidate | null {
  let best: { confidence: number; reason: string } | null = null;
  for (const p of def.patterns) {
    if (!p.regex.test(number)) continue;
    const checked = p.check ? p.check(number) : null;
    const confidence = checked === false ? p.confidence / 2 : p.confidence;
    const reason = `${p.label}${checked === null ? '' : checked ? ' (check digit ok)' : ' (check digit fails)'}`;
    if (!best || confidence > best.confidence) best = { confidence, reason };
  }
  if (!best) return null;
  const { boost, reasons } = countryBoost(def, hints);
  return {
    carrier: def.code,
    confidence: round(Math.min(numberCeiling, best.confidence + boost)),
    source: 'number',
    reasons: [best.reason, ...reasons],
  };
}

const byConfidence = (a: CarrierCandidate, b: CarrierCandidate): number => b.confidence - a.confidence;

/** Candidates from the number's shape alone, best first (ties keep table order). */
function detectFromNumber(number: string, hints: DetectionHints): CarrierCandidate[] {
  const out: CarrierCandidate[] = [];
  for (const def of carrierDefinitions) {
    const c = matchNumber(def, number, hints);
    if (c) out.push(c);
  }
  return out.sort(byConfidence);
}

/** Among a family named by the 3PL, the member the number and countries fit best (first member on a tie). */
function pickFamilyMember(
  members: readonly CarrierCode[],
  byNumber: readonly CarrierCandidate[],
  hints: DetectionHints,
): CarrierCode {
  let best = members[0] as CarrierCode;
  let bestScore = -1;
  for (const code of members) {
    const fromNumber = byNumber.find((c) => c.carrier === code)?.confidence;
    const score = fromNumber ?? countryBoost(carrierTable[code], hints).boost;
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Ranked guesses of the carrier behind a tracking number. A carrier name from the 3PL wins
 * over the number's shape; the number then only picks within a family ("DHL" → Express or Paket)
 * and fills in the rest of the list. The number is compared with spaces removed, upper case.
 */
export function detectCarrier(trackingNumber: string, hints: DetectionHints = {}): CarrierCandidate[] {
  const number = normalizeTrackingNumber(trackingNumber);
  const byNumber = number ? detectFromNumber(number, hints) : [];
  const named = matchCarrierName(hints.carrierName);
  if (!named) return byNumber;

  const fromName: CarrierCandidate[] = [];
  if (named.kind === 'carrier') {
    fromName.push({
      carrier: named.carrier,
      confidence: nameConfidence,
      source: 'name',
      reasons: [`carrier name "${hints.carrierName}"`],
    });
  } else {
    const pick = pickFamilyMember(named.members, byNumber, hints);
    fromName.push({
      carrier: pick,
      confidence: familyPickConfidence,
      source: 'name',
      reasons: [`carrier name "${hints.carrierName}"`, 'family member chosen by number and countries'],
    });
    for (const code of named.members) {
      if (code !== pick)
        fromName.push({
          carrier: code,
          confidence: familyAlternateConfidence,
          source: 'name',
          reasons: [`carrier name "${hints.carrierName}"`],
        });
    }
  }
  const taken = new Set(fromName.map((c) => c.carrier));
  return [...fromName, ...byNumber.filter((c) => !taken.has(c.carrier))].sort(byConfidence);
}
