// Check-digit algorithms as used by the carriers' number formats (tracking_number_data's
// CHECKSUM_ALGORITHMS, DPD's parcel label specification, UPU S10).

const digitValue = (c: string): number => {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  // UPS maps letters onto digits this way inside 1Z numbers
  return (code - 3) % 10;
};

/** UPU S10: `AA` + 8 serial digits + check digit + country, weights 8 6 4 2 3 5 9 7. */
export function isValidS10(number: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(number);
  if (!m) return false;
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const serial = m[1] ?? '';
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (weights[i] ?? 0);
  const c = 11 - (sum % 11);
  const check = c === 10 ? 0 : c === 11 ? 5 : c;
  return check === Number(m[2]);
}

/**
 * Weighted mod-10 over `sequence` (positions counted from 0), compared with `checkDigit`.
 * `evens`/`odds` multiply the values at even/odd positions.
 */
export function isValidMod10(sequence: string, checkDigit: string, evens: number, odds: number): boolean {
  let total = 0;
  for (let i = 0; i < sequence.length; i++) {
    const v = digitValue(sequence[i] ?? '0');
    total += v * (i % 2 === 0 ? evens : odds);
  }
  const r = total % 10;
  const check = r === 0 ? 0 : 10 - r;
  return String(check) === checkDigit;
}

/** Mod 7 over the whole serial (DHL Express air waybills). */
export function isValidMod7(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  const serial = number.slice(0, -1);
  const check = Number(number.slice(-1));
  let r = 0;
  for (const ch of serial) r = (r * 10 + Number(ch)) % 7;
  return r === check;
}

/** Σ(digit × weight) mod m1 mod m2 (FedEx Express 12-digit and 34-digit numbers). */
export function isValidWeightedModulo(
  sequence: string,
  checkDigit: string,
  weights: readonly number[],
  m1: number,
  m2: number,
): boolean {
  let total = 0;
  for (let i = 0; i < sequence.length; i++) total += Number(sequence[i]) * (weights[i] ?? 0);
  return (total % m1) % m2 === Number(checkDigit);
}

const alphabet36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 check character, as DPD prints after the parcel number. */
export function mod3736CheckChar(sequence: string): string {
  const mod = 36;
  let cd = mod;
  for (const ch of sequence) {
    const val = alphabet36.indexOf(ch);
    cd = val + cd;
    if (cd > mod) cd -= mod;
    cd *= 2;
    if (cd > mod) cd -= mod + 1;
  }
  cd = mod + 1 - cd;
  if (cd === mod) cd = 0;
  return alphabet36[cd] ?? '?';
}

/** UPS `1Z` numbers: mod 10 over the 15 characters after `1Z`, odd positions doubled. */
export function isValidUps1Z(number: string): boolean {
  const m = /^1Z([A-Z0-9]{15})([A-Z0-9])$/.exec(number);
  if (!m) return false;
  return isValidMod10(m[1] ?? '', m[2] ?? '', 1, 2);
}
