import type { RoutingOrder, RoutingOrderLine, RoutingWarehouse } from './types.js';

/** Test builder: a French order with one line, overridable field by field. */
export function buildOrder(overrides: Partial<RoutingOrder> = {}): RoutingOrder {
  return {
    id: 'o-1',
    channel: 'shopify',
    placedAt: '2026-05-05T08:00:00Z',
    shippingAddress: { countryCode: 'FR', postalCode: '75011', latitude: 48.8589, longitude: 2.3795 },
    lines: [buildLine()],
    ...overrides,
  };
}

/** Test builder: an order line. */
export function buildLine(overrides: Partial<RoutingOrderLine> = {}): RoutingOrderLine {
  return { lineId: 'l-1', sku: 'SKU-A', quantity: 1, unitPrice: 20, ...overrides };
}

/** Test builder: a Paris warehouse serving France and Belgium, overridable field by field. */
export function buildWarehouse(overrides: Partial<RoutingWarehouse> = {}): RoutingWarehouse {
  return {
    id: 'w-paris',
    name: 'Paris',
    countryCode: 'FR',
    latitude: 48.7833,
    longitude: 2.4667,
    timeZone: 'Europe/Paris',
    cutoffTime: '14:00',
    workingDays: [1, 2, 3, 4, 5],
    holidays: [],
    zones: [
      { code: 'FR-IDF', countries: ['FR'], postalPrefixes: ['75', '77', '78', '91', '92', '93', '94', '95'] },
      { code: 'FR', countries: ['FR'] },
      { code: 'BE', countries: ['BE', 'LU'] },
    ],
    serviceLevels: [{ code: 'standard', name: 'Standard', transitDays: { 'FR-IDF': 1, FR: 2, BE: 3 } }],
    costs: { 'FR-IDF': 6, FR: 7, BE: 10 },
    dailyCapacity: null,
    usedToday: 0,
    priority: 100,
    stock: { 'SKU-A': 10, 'SKU-B': 10 },
    ...overrides,
  };
}
