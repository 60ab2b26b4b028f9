import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonKeepingBigInts } from './safe-json.js';

describe('parseJsonKeepingBigInts', () => {
  it('keeps ids beyond 2^53 exact as strings', () => {
    const v = parseJsonKeepingBigInts(
      '{"id": 820982911946154508, "small": 12, "neg": -9007199254740993, "f": 1.5e3}',
    ) as Record<string, unknown>;
    expect(v).toEqual({ id: '820982911946154508', small: 12, neg: '-9007199254740993', f: 1500 });
  });

  it('quotes an unsafe integer however it is spaced, and leaves 15-digit ids as numbers', () => {
    expect(parseJsonKeepingBigInts('[123456789012345,\n9007199254740993]')).toEqual([
      123456789012345,
      '9007199254740993',
    ]);
  });

  it('never touches digits inside strings, even with escapes', () => {
    const text = '{"note":"call 820982911946154508 \\" 820982911946154509","id":820982911946154510}';
    expect(parseJsonKeepingBigInts(text)).toEqual({
      note: 'call 820982911946154508 " 820982911946154509',
      id: '820982911946154510',
    });
  });

  it('agrees with JSON.parse on any JSON without unsafe integers', () => {
    const allSafe = (v: unknown): boolean =>
      typeof v === 'number'
        ? !Number.isInteger(v) || Number.isSafeInteger(v)
        : typeof v === 'object' && v !== null
          ? Object.values(v).every(allSafe)
          : true;
    fc.assert(
      fc.property(fc.jsonValue().filter(allSafe), (v) => {
        const text = JSON.stringify(v);
        expect(parseJsonKeepingBigInts(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('still throws on truncated JSON', () => {
    expect(() => parseJsonKeepingBigInts('{"id": 1, "line_items": [')).toThrow();
  });
});
