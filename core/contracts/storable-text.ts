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

/** A JSON escape that can decode to NUL or to half of a surrogate pair (`\u0000`, `\uD800`-`\uDFFF`). */
const unstorableEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Whether JSON text can parse to a value holding a string Postgres cannot store. False is
 * certain: such a string comes from an escape (`\u0000`, a surrogate's) or is written as itself,
 * and one pass over the text finds neither, where walking the parsed value tests every string
 * (a webhook body holds hundreds). True may be wrong (an emoji's escaped pair, an escaped
 * backslash before `u0000`): then walk the value with `findUnstorableText`.
 */
export function jsonMayHoldUnstorable(text: string): boolean {
  return unstorableEscape.test(text) || unstorable.test(text);
}

export const unstorableMessage = 'must not contain NUL characters or lone surrogates';

/**
 * The path of the first string (value or object key) Postgres could not store, or null. Every
 * webhook body and request goes through it: the walk keeps one path, pushed and popped, and
 * copies it only for the string it names, so a clean value (nearly all) costs no array per property.
 */
export function findUnstorableText(value: unknown): (string | number)[] | null {
  return pathToUnstorable(value, [], 0);
}

function pathToUnstorable(value: unknown, path: (string | number)[], depth: number): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : [...path];
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  const visit = (key: string | number, v: unknown) => {
    path.push(key);
    const found = pathToUnstorable(v, path, depth + 1);
    path.pop();
    return found;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = visit(i, value[i]);
      if (found) return found;
    }
    return null;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (!isStorableText(k)) return [...path, '(key)'];
    const found = visit(k, (value as Record<string, unknown>)[k]);
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
