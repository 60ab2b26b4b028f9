const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The form every lookup uses: whitespace removed, upper case. Lone UTF-16 surrogates
 * (never part of a real tracking number) become U+FFFD so the number can always be URL-encoded.
 */
export function normalizeTrackingNumber(raw: string): string {
  return raw.replace(loneSurrogate, '\uFFFD').replace(/\s+/g, '').toUpperCase();
}

/** encodeURIComponent that cannot throw: lone surrogates become U+FFFD first. */
export function encodeUrlPart(raw: string): string {
  return encodeURIComponent(raw.replace(loneSurrogate, '\uFFFD'));
}

/** Lower case, accents stripped, every run of other characters turned into one space. */
export function normalizeFreeText(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Language and region of a BCP 47 locale ("fr-FR" → fr / FR, "de" → de / null). */
export interface ParsedLocale {
  language: string | null;
  region: string | null;
}

export function parseLocale(locale: string | undefined): ParsedLocale {
  const m = /^([a-zA-Z]{2,3})(?:[-_](?:[a-zA-Z]{4}[-_])?([a-zA-Z]{2}|\d{3}))?/.exec(locale?.trim() ?? '');
  if (!m) return { language: null, region: null };
  return { language: (m[1] ?? '').toLowerCase(), region: m[2] ? m[2].toUpperCase() : null };
}

/** The language a carrier page should use, among those it offers. */
export function pickLanguage(locale: string | undefined, offered: readonly string[], fallback: string): string {
  const { language } = parseLocale(locale);
  return language && offered.includes(language) ? language : fallback;
}
