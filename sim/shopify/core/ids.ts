/**
 * Numeric ids for every resource. Shopify's ids are 13–19 digit numbers; these stay 13 digits so
 * they are emitted as JSON numbers like Shopify's and still survive JSON.parse exactly (< 2^53).
 */
export interface IdAllocator {
  next(): number;
}

export function createIdAllocator(start = 6_100_000_000_000): IdAllocator {
  let n = start;
  return { next: () => ++n };
}

/** Shopify global id of a resource. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Numeric id from a gid or a bare number/string; undefined when it is neither. */
export function parseId(value: unknown, type?: string): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (m) {
    if (type && m[1] !== type) return undefined;
    return Number(m[2]);
  }
  if (/^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The type part of a gid (`Order` for `gid://shopify/Order/1`). */
export function gidType(value: string): string | undefined {
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(value)?.[1];
}
