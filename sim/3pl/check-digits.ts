// Check characters printed on carrier labels. The robot computes them itself (it never imports
// the app): a number with a wrong check would be a number no real carrier hands out.

/** UPU S10 check digit over 8 serial digits: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11), 10→0, 11→5. */
export function s10CheckDigit(serial8: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * (weights[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** DHL Express air waybill: the serial modulo 7. */
export function mod7CheckDigit(serial: string): number {
  let r = 0;
  for (const ch of serial) r = (r * 10 + Number(ch)) % 7;
  return r;
}

/** UPS maps letters onto digits this way inside 1Z numbers (A→2 … the ASCII code minus 3, mod 10). */
const upsValue = (c: string): number => {
  const code = c.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : (code - 3) % 10;
};

/** Weighted mod 10: `even`/`odd` multiply the values at even/odd positions (from 0, left to right). */
export function mod10CheckDigit(sequence: string, even: number, odd: number): number {
  let total = 0;
  for (let i = 0; i < sequence.length; i++) total += upsValue(sequence[i] ?? '0') * (i % 2 === 0 ? even : odd);
  const r = total % 10;
  return r === 0 ? 0 : 10 - r;
}

const alphabet36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 check character, as DPD prints after the 14-digit parcel number. */
export function mod3736CheckChar(sequence: string): string {
  const mod = 36;
  let cd = mod;
  for (const ch of sequence) {
    cd = alphabet36.indexOf(ch) + cd;
    if (cd > mod) cd -= mod;
    cd *= 2;
    if (cd > mod) cd -= mod + 1;
  }
  cd = mod + 1 - cd;
  if (cd === mod) cd = 0;
  return alphabet36[cd] ?? '0';
}
