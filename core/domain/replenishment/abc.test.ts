import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abcClasses, type AbcAssignment } from './abc.js';

const classOf = (list: AbcAssignment[]) => Object.fromEntries(list.map((a) => [a.sku, a.abcClass]));

describe('abcClasses', () => {
  it('ranks by revenue and applies 80/15/5', () => {
    const out = abcClasses([
      { sku: 'c', revenue: 10 },
      { sku: 'a', revenue: 50 },
      { sku: 'e', revenue: 3 },
      { sku: 'b', revenue: 30 },
      { sku: 'd', revenue: 5 },
      { sku: 'f', revenue: 2 },
    ]);
    expect(out.map((a) => a.sku)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // before: a 0, b 50, c 80, d 90, e 95, f 98
    expect(classOf(out)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', f: 'C' });
    expect(out.map((a) => a.cumulativeShareBefore)).toEqual([0, 0.5, 0.8, 0.9, 0.95, 0.98]);
  });

  it('the SKU that crosses a boundary belongs to the class it starts in', () => {
    // before: x 0 → A; y 70 < 80 → A (crosses to 90); z 90 < 95 → B (crosses to 100)
    expect(
      classOf(
        abcClasses([
          { sku: 'x', revenue: 70 },
          { sku: 'y', revenue: 20 },
          { sku: 'z', revenue: 10 },
        ]),
      ),
    ).toEqual({ x: 'A', y: 'A', z: 'B' });
    // one SKU with all the revenue is A
    expect(classOf(abcClasses([{ sku: 'solo', revenue: 1 }]))).toEqual({ solo: 'A' });
  });

  it('a SKU starting exactly at a boundary is in the next class', () => {
    expect(
      classOf(
        abcClasses([
          { sku: 'p', revenue: 80 },
          { sku: 'q', revenue: 15 },
          { sku: 'r', revenue: 5 },
        ]),
      ),
    ).toEqual({ p: 'A', q: 'B', r: 'C' });
    // with shares that are not exact in binary floating point
    expect(
      classOf(
        abcClasses([
          { sku: 'p', revenue: 0.8 },
          { sku: 'q', revenue: 0.15 },
          { sku: 'r', revenue: 0.05 },
        ]),
      ),
    ).toEqual({ p: 'A', q: 'B', r: 'C' });
  });

  it('honours other cut-offs', () => {
    expect(
      classOf(
        abcClasses(
          [
            { sku: 'p', revenue: 60 },
            { sku: 'q', revenue: 30 },
            { sku: 'r', revenue: 10 },
          ],
          { a: 0.5, b: 0.3 },
        ),
      ),
    ).toEqual({ p: 'A', q: 'B', r: 'C' });
    expect(
      classOf(
        abcClasses(
          [
            { sku: 'p', revenue: 60 },
            { sku: 'q', revenue: 30 },
            { sku: 'r', revenue: 10 },
          ],
          { a: 0.7, b: 0.3 },
        ),
      ),
    ).toEqual({ p: 'A', q: 'A', r: 'B' });
  });

  it('breaks revenue ties by SKU, puts zero or negative revenue in C, and all C without revenue', () => {
    expect(
      abcClasses([
        { sku: 'b', revenue: 5 },
        { sku: 'a', revenue: 5 },
      ]).map((x) => x.sku),
    ).toEqual(['a', 'b']);
    expect(
      classOf(
        abcClasses([
          { sku: 'a', revenue: 100 },
          { sku: 'z', revenue: 0 },
          { sku: 'n', revenue: -20 },
        ]),
      ),
    ).toEqual({ a: 'A', z: 'C', n: 'C' });
    expect(
      classOf(
        abcClasses([
          { sku: 'a', revenue: 0 },
          { sku: 'b', revenue: 0 },
        ]),
      ),
    ).toEqual({ a: 'C', b: 'C' });
    expect(abcClasses([])).toEqual([]);
  });

  it('rejects impossible cut-offs', () => {
    expect(() => abcClasses([], { a: 0, b: 0.1 })).toThrow(RangeError);
    expect(() => abcClasses([], { a: 0.8, b: 0.3 })).toThrow(RangeError);
  });

  const items = fc.uniqueArray(
    fc.record({
      sku: fc.string({ minLength: 1, maxLength: 6 }),
      revenue: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
    }),
    {
      selector: (i) => i.sku,
      maxLength: 60,
    },
  );
  const cutoffs = fc
    .tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([a, f]) => ({ a, b: (1 - a) * f }));

  it('partitions the set, in rank order, with classes never improving down the ranking', () => {
    fc.assert(
      fc.property(items, cutoffs, (list, c) => {
        const out = abcClasses(list, c);
        expect(out.map((a) => a.sku).sort()).toEqual(list.map((i) => i.sku).sort());
        for (let i = 1; i < out.length; i++) {
          expect((out[i - 1]?.revenue ?? 0) >= (out[i]?.revenue ?? 0)).toBe(true);
          expect((out[i - 1]?.abcClass ?? 'C') <= (out[i]?.abcClass ?? 'A')).toBe(true);
        }
      }),
    );
  });

  it('A holds at most the cut-off plus the share of the one SKU that crosses it, and no less than the cut-off without it', () => {
    fc.assert(
      fc.property(items, cutoffs, (list, c) => {
        const out = abcClasses(list, c);
        const a = out.filter((x) => x.abcClass === 'A');
        const aShare = a.reduce((s, x) => s + x.share, 0);
        const crossing = a.at(-1)?.share ?? 0;
        expect(aShare).toBeLessThanOrEqual(c.a + crossing + 1e-9);
        if (a.length > 0) expect(aShare - crossing).toBeLessThan(c.a + 1e-9);
        const ab = out.filter((x) => x.abcClass !== 'C');
        const abShare = ab.reduce((s, x) => s + x.share, 0);
        expect(abShare).toBeLessThanOrEqual(c.a + c.b + (ab.at(-1)?.share ?? 0) + 1e-9);
      }),
    );
  });
});
