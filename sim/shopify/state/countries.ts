const NAMES: Record<string, string> = {
  FR: 'France',
  BE: 'Belgium',
  DE: 'Germany',
  ES: 'Spain',
  IT: 'Italy',
  NL: 'Netherlands',
  LU: 'Luxembourg',
  CH: 'Switzerland',
  AT: 'Austria',
  PT: 'Portugal',
  GB: 'United Kingdom',
  IE: 'Ireland',
  US: 'United States',
  CA: 'Canada',
  PL: 'Poland',
  DK: 'Denmark',
  SE: 'Sweden',
};

/** English country name Shopify prints in REST payloads. */
export function countryName(code: string): string {
  return NAMES[code] ?? code;
}
