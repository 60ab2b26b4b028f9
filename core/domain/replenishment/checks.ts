// Parameters come from validated configuration; a bad one here is a caller bug, so it throws.

export function requireFinite(name: string, x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
  return x;
}

export function requireNonNegative(name: string, x: number): number {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${x}`);
  return x;
}

export function requirePositiveInteger(name: string, x: number): number {
  if (!Number.isInteger(x) || x < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${x}`);
  return x;
}
