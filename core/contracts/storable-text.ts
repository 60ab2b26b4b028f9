import { z } from 'zod';

/**
 * Postgres text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form:
 * either one reaching a query fails it. Strings from outside are checked here, at the schema.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorableAll = new RegExp(unstorable.source, 'g');

export function isStorableText(s: string): boolean {
  return !unstorable.test(s);
}

/** The text with every unstorable character written as its JSON escape. */
export function escapeUnstorable(s: string): string {
  return s.replace(unstorableAll, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const unstorableMessage = 'must not contain NUL characters or lone surrogates';

/** Whether any string (value or object key) in `value` is one Postgres could not store. */
function holdsUnstorable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !isStorableText(value);
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (holdsUnstorable(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (!isStorableText(k) || holdsUnstorable((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/**
 * The path of the first string (value or object key) Postgres could not store, or null. Every
 * webhook body and request goes through it: the clean ones (nearly all) are walked once without
 * building a path per property, and only a value that holds one is walked again for its path.
 */
export function findUnstorableText(value: unknown): (string | number)[] | null {
  return holdsUnstorable(value, 0) ? pathToUnstorable(value, [], 0) : null;
}

function pathToUnstorable(value: unknown, path: (string | number)[], depth: number): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathToUnstorable(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isStorableText(k)) return [...path, '(key)'];
    const found = pathToUnstorable(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Wraps any request schema so that every string in the input, at any depth, passes `text()`'s
 * check before the schema itself runs. The server applies it to every route's schema.
 */
export function storableInput<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const path = findUnstorableText(value);
      if (path) ctx.addIssue({ code: 'custom', path, message: unstorableMessage, abort: true });
    })
    .pipe(schema);
}
