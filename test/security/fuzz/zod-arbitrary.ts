import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  [k: string]: unknown;
}
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

const hostile = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '',
  ' ',
  'x'.repeat(5000),
  '=cmd|calc',
  '<script>alert(1)</script>',
  "'; drop table shops; --",
  '../../etc/passwd',
  '%00',
  '\u202e',
  '😀',
  '9'.repeat(40),
  '-1',
  'NaN',
  'null',
  '{}',
);
const hostileNumber = fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1);

/** Strings shaped like what the schema wants (formats, lengths), so generated values reach past the first check. */
function stringArb(d: Def): fc.Arbitrary<string> {
  switch (d.format) {
    case 'datetime':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((x) => x.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((x) => x.toISOString().slice(0, 10));
    case 'url':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
    default:
      return fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: hostile });
  }
}

/**
 * A fast-check arbitrary of values a zod schema is about: mostly valid-looking, sometimes not.
 * The fuzzer breaks them on purpose afterwards; this only gets the shape close.
 */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  if (depth > 6) return fc.constant(null);
  const next = (s: unknown) => arbitraryFor(s as z.ZodType, depth + 1);
  switch (d.type) {
    case 'string':
      return stringArb(d);
    case 'number':
      return fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 1000 }) },
        { weight: 1, arbitrary: hostileNumber },
      );
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fc.oneof(
        { weight: 4, arbitrary: next(d.innerType) },
        { weight: 1, arbitrary: fc.constant(d.type === 'nullable' ? null : undefined) },
      );
    case 'pipe':
      return next(d.in);
    case 'transform':
      return fc.jsonValue({ maxDepth: 1 });
    case 'array':
      return fc.array(next(d.element), { maxLength: 4 });
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map(next));
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map(next));
    case 'intersection':
      return next(d.left);
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), next(d.valueType), { maxKeys: 3 });
    case 'object': {
      const shape = (d.shape ?? {}) as Record<string, unknown>;
      return fc
        .record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, next(v)])), { requiredKeys: [] })
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case 'lazy':
      return next((d.getter as () => unknown)());
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

export const hostileStrings = hostile;
