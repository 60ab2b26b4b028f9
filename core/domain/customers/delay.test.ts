import { describe, expect, it } from 'vitest';
import { delayReason } from './delay.js';

const now = new Date('2026-12-03T12:00:00Z');
const h = (n: number) => new Date(now.getTime() - n * 3_600_000);

describe('delayReason', () => {
  it('flags a parcel with no scan past the window, and not before', () => {
    expect(
      delayReason({ status: 'shipped', shippedAt: h(49), promisedDeliveryBy: null, lastEventAt: null }, now, 48),
    ).toBe('no_scan');
    expect(
      delayReason({ status: 'shipped', shippedAt: h(47), promisedDeliveryBy: null, lastEventAt: null }, now, 48),
    ).toBeNull();
    expect(
      delayReason({ status: 'in_transit', shippedAt: h(49), promisedDeliveryBy: null, lastEventAt: h(40) }, now, 48),
    ).toBeNull();
  });
  it('flags a passed promise and a carrier exception, exception first', () => {
    expect(
      delayReason({ status: 'in_transit', shippedAt: h(10), promisedDeliveryBy: h(1), lastEventAt: h(5) }, now, 48),
    ).toBe('promise_passed');
    expect(
      delayReason({ status: 'exception', shippedAt: h(10), promisedDeliveryBy: h(1), lastEventAt: h(5) }, now, 48),
    ).toBe('carrier_exception');
  });
  it('never flags a delivered parcel', () => {
    expect(
      delayReason({ status: 'delivered', shippedAt: h(100), promisedDeliveryBy: h(50), lastEventAt: h(60) }, now, 48),
    ).toBeNull();
  });
});
