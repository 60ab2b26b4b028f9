import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, serviceLevelZ } from './inverse-normal.js';

describe('inverseNormalCdf', () => {
  it.each([
    [0.95, 1.645],
    [0.99, 2.326],
    [0.975, 1.96],
  ])('z(%s) ≈ %s (table value)', (p, z) => {
    expect(serviceLevelZ(p)).toBeCloseTo(z, 3);
  });

  it.each([
    [0.5, 0],
    [0.95, 1.6448536269514715],
    [0.99, 2.3263478740408408],
    [0.975, 1.9599639845400536],
    [0.8413447460685429, 1],
    [0.001, -3.090232306167813],
    [0.02, -2.0537489106318225],
    [0.999999, 4.753424308817089],
  ])('Φ⁻¹(%s) = %s to 1e-8 (reference: Python statistics.NormalDist, Wichura AS241)', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThan(1e-8);
  });

  it('is odd around 0.5', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(inverseNormalCdf(p) + inverseNormalCdf(1 - p)).toBeCloseTo(0, 6);
      }),
    );
  });

  it('is increasing, across the approximation regions too', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        (p, q) => {
          const [lo, hi] = p < q ? [p, q] : [q, p];
          expect(inverseNormalCdf(lo)).toBeLessThanOrEqual(inverseNormalCdf(hi));
        },
      ),
    );
    for (const edge of [0.02425, 1 - 0.02425]) {
      expect(inverseNormalCdf(edge - 1e-12)).toBeLessThan(inverseNormalCdf(edge + 1e-12));
    }
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])('rejects %s', (p) => {
    expect(() => inverseNormalCdf(p)).toThrow(RangeError);
  });
});
