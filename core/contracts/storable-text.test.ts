import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, jsonMayHoldUnstorable } from './storable-text.js';

/** The string at `path` in `value`, or the key named by a final '(key)'. */
function at(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const [i, p] of path.entries()) {
    if (p === '(key)' && i === path.length - 1) return Object.keys(v as object).find((k) => !isStorableText(k));
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const hostile = fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\uDC00b', 'x\u0000y');

describe('findUnstorableText', () => {
  it('finds nothing in JSON without NUL or lone surrogates, and points at the first one otherwise', () => {
    const text = fc.oneof(fc.string(), hostile);
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(text, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const found = findUnstorableText(v);
        const strings: string[] = [];
        const collect = (x: unknown): void => {
          if (typeof x === 'string') strings.push(x);
          else if (Array.isArray(x)) x.forEach(collect);
          else if (x && typeof x === 'object')
            for (const [k, y] of Object.entries(x)) {
              strings.push(k);
              collect(y);
            }
        };
        collect(v);
        const anyBad = strings.some((s) => !isStorableText(s));
        expect(found !== null).toBe(anyBad);
        if (found) expect(isStorableText(at(v, found) as string)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('names the path of a NUL deep in a webhook body', () => {
    expect(findUnstorableText({ order: { line_items: [{ title: 'ok' }, { title: 'bad\u0000' }] } })).toEqual([
      'order',
      'line_items',
      1,
      'title',
    ]);
    expect(findUnstorableText({ a: { ['k\uD800']: 1 } })).toEqual(['a', '(key)']);
    expect(findUnstorableText({ a: [1, 'fine', { b: null }] })).toBeNull();
  });
});

describe('jsonMayHoldUnstorable', () => {
  const hostileText = fc.oneof(fc.string({ unit: 'binary' }), hostile);
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      hostileText,
      fc.integer(),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(hostileText, tie('node'), { maxKeys: 4 }),
    ),
  })).node;

  it('never answers no for JSON whose value holds a NUL or a lone surrogate', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        if (findUnstorableText(JSON.parse(text)) !== null) expect(jsonMayHoldUnstorable(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers no for ordinary webhook text, and yes for escapes and characters written as themselves', () => {
    expect(jsonMayHoldUnstorable(JSON.stringify({ title: 'Bonnet gris — taille unique', note: 'é\\n' }))).toBe(false);
    expect(jsonMayHoldUnstorable('{"a":"x\\u0000"}')).toBe(true);
    expect(jsonMayHoldUnstorable('{"a":"\\uDC00"}')).toBe(true);
    expect(jsonMayHoldUnstorable('{"a":"\\ud800"}')).toBe(true);
    expect(jsonMayHoldUnstorable('{"a":"\uD800"}')).toBe(true);
    expect(jsonMayHoldUnstorable('{"a":"\u0000"}')).toBe(true);
  });
});
