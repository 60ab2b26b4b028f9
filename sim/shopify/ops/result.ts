/** A user error as Shopify returns them in `userErrors`. */
export interface OpError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

/** Outcome of an operation: a value, or the user errors Shopify would answer. */
export type OpResult<T> = { ok: true; value: T } | { ok: false; errors: OpError[] };

export function ok<T>(value: T): OpResult<T> {
  return { ok: true, value };
}

export function fail<T>(message: string, field: string[] | null = null, code: string | null = null): OpResult<T> {
  return { ok: false, errors: [{ field, message, code }] };
}
