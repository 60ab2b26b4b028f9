import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: h.paris.id, available: 100 });
});
afterAll(async () => {
  await h.close();
});

const address = { address1: '5 rue C', city: 'Rennes', zip: '35000', countryCode: 'FR' };
const place = (email: string) =>
  h.sim.control.placeOrder(SHOP, { lines: [{ sku: 'MUG', quantity: 1 }], shippingAddress: address, email });
const customerOf = (o: { id: number }) => h.sim.shop(SHOP)!.orders.get(o.id)!.customerId;

describe('customers of placed orders', () => {
  it('finds a returning customer by e-mail (case and accents aside), also after others were added', () => {
    const first = customerOf(place('Zoé@example.com'));
    const other = customerOf(place('max@example.com'));
    const third = customerOf(place('lea@example.com'));
    expect(new Set([first, other, third]).size).toBe(3);
    expect(customerOf(place('zoe@EXAMPLE.com'))).toBe(first);
    expect(customerOf(place('max@example.com'))).toBe(other);
    expect(h.sim.control.getShop(SHOP).counts.customers).toBe(3);
  });
});
