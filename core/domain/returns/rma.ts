/**
 * RMA numbers: `RMA-<shop sequence, 6 digits>-<check letter>`. The check letter (mod 23 of the
 * sequence, letters without I, O, Q) catches a mistyped digit when a warehouse keys it in by hand.
 */
const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function rmaNumber(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence <= 0)
    throw new RangeError(`RMA sequence must be a positive integer, got ${sequence}`);
  return `RMA-${String(sequence).padStart(6, '0')}-${letters[sequence % letters.length]}`;
}

/** The sequence in a well-formed RMA number, or null when it is malformed or its check letter is wrong. */
export function parseRma(rma: string): number | null {
  const m = /^RMA-(\d{6,})-([A-Z])$/.exec(rma.trim().toUpperCase());
  if (!m) return null;
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq) || seq <= 0) return null;
  return letters[seq % letters.length] === m[2] ? seq : null;
}
