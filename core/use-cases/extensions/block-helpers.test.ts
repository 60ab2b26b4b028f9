import { describe, expect, it } from 'vitest';
import { canReroute } from './admin-order-block.js';
import { alertStatusOf } from './admin-product-block.js';
import { trackingLinks } from './tracking-links.js';

describe('extension block helpers', () => {
  it('pairs tracking numbers with their links, by position or by the number in the link, and drops non-http links', () => {
    expect(trackingLinks(['A1', 'B2'], ['https://c.example/A1', 'https://c.example/B2'])).toEqual([
      { number: 'A1', url: 'https://c.example/A1' },
      { number: 'B2', url: 'https://c.example/B2' },
    ]);
    expect(trackingLinks(['A1', 'B2'], ['https://c.example/t?n=B2'])).toEqual([
      { number: 'A1', url: null },
      { number: 'B2', url: 'https://c.example/t?n=B2' },
    ]);
    expect(trackingLinks(['A1'], ['javascript:alert(1)'])).toEqual([{ number: 'A1', url: null }]);
    expect(trackingLinks([], [])).toEqual([]);
  });

  it('takes the worst open alert, counting an unknown severity as a warning', () => {
    expect(alertStatusOf([])).toBe('ok');
    expect(alertStatusOf(['info'])).toBe('info');
    expect(alertStatusOf(['info', 'critical', 'warning'])).toBe('critical');
    expect(alertStatusOf(['weird'])).toBe('warning');
  });

  it('offers re-routing only while the order can still change warehouses', () => {
    expect(['pending', 'routed', 'backordered', 'dispatched', 'partially_shipped'].every(canReroute)).toBe(true);
    expect(['shipped', 'delivered', 'cancelled', 'fulfilled_elsewhere', 'on_hold'].some(canReroute)).toBe(false);
  });
});
