import { describe, expect, it } from 'vitest';
import { isIsoDate, zoneFor } from '../../core/domain/routing/index.js';
import { sites } from './scenario.js';
import { generateWorkload } from './workload.js';

describe('generateWorkload', () => {
  const w = generateWorkload({ orders: 2000, seed: 'shape' });

  it('is mostly French, with other EU countries and real postal code formats', () => {
    const byCountry = new Map<string, number>();
    for (const o of w.orders)
      byCountry.set(o.shippingAddress.countryCode, (byCountry.get(o.shippingAddress.countryCode) ?? 0) + 1);
    expect(byCountry.get('FR')! / w.orders.length).toBeGreaterThan(0.7);
    expect([...byCountry.keys()].sort()).toEqual(expect.arrayContaining(['BE', 'DE', 'ES', 'FR', 'IT', 'LU', 'NL']));
    const formats: Record<string, RegExp> = {
      FR: /^\d{5}$/,
      DE: /^\d{5}$/,
      ES: /^\d{5}$/,
      IT: /^\d{5}$/,
      BE: /^\d{4}$/,
      LU: /^\d{4}$/,
      AT: /^\d{4}$/,
      NL: /^\d{4} [A-Z]{2}$/,
      PT: /^\d{4}-\d{3}$/,
    };
    for (const o of w.orders) expect(o.shippingAddress.postalCode).toMatch(formats[o.shippingAddress.countryCode]!);
    for (const o of w.orders) expect(sites.some((s) => zoneFor(s, o.shippingAddress) !== null)).toBe(true);
  });

  it('has mostly single-line baskets with a tail past five lines, and a few hot SKUs', () => {
    const sizes = w.orders.map((o) => o.lines.length);
    expect(sizes.filter((n) => n === 1).length / sizes.length).toBeGreaterThan(0.5);
    expect(Math.max(...sizes)).toBeGreaterThan(5);
    const top10 = new Set(w.catalogue.slice(0, 10).map((c) => c.sku));
    const lines = w.orders.flatMap((o) => o.lines);
    expect(lines.filter((l) => top10.has(l.sku)).length / lines.length).toBeGreaterThan(0.25);
  });

  it('spreads orders over days and hours in time order, each with a checkout promise after it', () => {
    const times = w.orders.map((o) => Date.parse(o.placedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(w.orders.map((o) => o.placedAt.slice(0, 10))).size).toBeGreaterThanOrEqual(14);
    for (const o of w.orders) {
      expect(isIsoDate(o.deliverBy)).toBe(true);
      expect(o.deliverBy > o.placedAt.slice(0, 10)).toBe(true);
    }
  });

  it('is the same for the same seed', () => {
    expect(generateWorkload({ orders: 2000, seed: 'shape' })).toEqual(w);
  });
});
