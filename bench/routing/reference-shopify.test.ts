import { describe, expect, it } from 'vitest';
import type { RoutingOrder, RoutingWarehouse } from '../../core/domain/routing/index.js';
import { routeLikeShopify } from './reference-shopify.js';

const order = (lines: [string, number][], country = 'FR', latitude = 48.85, longitude = 2.35): RoutingOrder => ({
  id: 'o',
  channel: 'shopify',
  placedAt: '2026-05-05T08:00:00Z',
  shippingAddress: { countryCode: country, postalCode: '75011', latitude, longitude },
  lines: lines.map(([sku, quantity], i) => ({ lineId: `l${i}`, sku, quantity, unitPrice: 10 })),
});
const location = (
  id: string,
  countryCode: string,
  latitude: number,
  longitude: number,
  stock: Record<string, number>,
  priority = 1,
): RoutingWarehouse => ({
  id,
  name: id,
  countryCode,
  latitude,
  longitude,
  timeZone: 'Europe/Paris',
  cutoffTime: '14:00',
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  zones: [{ code: 'EU', countries: ['FR', 'BE', 'ES'] }],
  serviceLevels: [{ code: 'standard', name: 'S', transitDays: { EU: 2 } }],
  costs: { EU: 5 },
  dailyCapacity: null,
  usedToday: 0,
  priority,
  stock,
});
const ids = (allocs: ReturnType<typeof routeLikeShopify>): string[] => allocs.map((a) => a.warehouseId);

describe('routeLikeShopify (Shopify default order routing)', () => {
  const paris = (stock: Record<string, number>) => location('paris', 'FR', 48.8, 2.4, stock, 2);
  const lyon = (stock: Record<string, number>) => location('lyon', 'FR', 45.7, 5.1, stock, 1);
  const brussels = (stock: Record<string, number>) => location('brussels', 'BE', 50.85, 4.35, stock, 3);

  it('ships from the closest location when several have everything', () => {
    expect(ids(routeLikeShopify(order([['A', 1]]), [lyon({ A: 5 }), paris({ A: 5 })]))).toEqual(['paris']);
  });

  it('prefers a location with every item over a closer one with some (minimize split fulfillments)', () => {
    expect(
      ids(
        routeLikeShopify(
          order([
            ['A', 1],
            ['B', 1],
          ]),
          [paris({ A: 5 }), lyon({ A: 5, B: 5 })],
        ),
      ),
    ).toEqual(['lyon']);
  });

  it('stays in the destination market before looking at distance', () => {
    // Lille-area customer: Brussels is closer than Lyon, but Lyon is in France.
    expect(ids(routeLikeShopify(order([['A', 1]], 'FR', 50.6, 3.1), [brussels({ A: 5 }), lyon({ A: 5 })]))).toEqual([
      'lyon',
    ]);
  });

  it('breaks equal distances with the ranked location list', () => {
    const a = location('a', 'FR', 47, 3, { A: 5 }, 2);
    const b = location('b', 'FR', 47, 3, { A: 5 }, 1);
    expect(ids(routeLikeShopify(order([['A', 1]]), [a, b]))).toEqual(['b']);
  });

  it('uses the fewest packages when no location has everything, and leaves what nobody has', () => {
    const allocs = routeLikeShopify(
      order([
        ['A', 1],
        ['B', 1],
        ['C', 1],
        ['Z', 1],
      ]),
      [paris({ A: 1 }), lyon({ B: 1, C: 1 }), brussels({ A: 1, B: 1 })],
    );
    expect(ids(allocs).sort()).toEqual(['lyon', 'paris']);
    expect(allocs.flatMap((a) => a.lines.map((l) => l.sku)).sort()).toEqual(['A', 'B', 'C']);
  });

  it('ignores locations whose zones do not serve the address', () => {
    const far = { ...paris({ A: 5 }), zones: [{ code: 'ES', countries: ['ES'] }] };
    expect(ids(routeLikeShopify(order([['A', 1]]), [far, lyon({ A: 5 })]))).toEqual(['lyon']);
  });
});
