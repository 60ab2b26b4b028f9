import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifySim, type ShopifySim } from '../create-sim.js';
import { seedDemoShop } from '../seed/demo-shop.js';
import { createManualClock } from '../core/clock.js';
import { TEST_KEY, TEST_SECRET } from '../test-support/harness.js';

let sim: ShopifySim;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  sim = createShopifySim({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, clock: createManualClock(Date.now()) });
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

describe('control API over HTTP', () => {
  it('creates a shop, catalog, locations and stock, places an order and reads it back', async () => {
    const shop = await call<{ domain: string; installed: boolean }>('POST', '/_sim/shops', {
      domain: 'ctl-shop',
      plan: 'standard',
    });
    expect(shop.body).toMatchObject({ domain: 'ctl-shop.myshopify.com', installed: true });
    const products = await call<{ variants: { sku: string }[] }[]>(
      'POST',
      '/_sim/shops/ctl-shop.myshopify.com/products',
      {
        products: [{ title: 'Mug', variants: [{ sku: 'MUG', price: '12.00' }] }],
      },
    );
    expect(products.body[0]?.variants[0]?.sku).toBe('MUG');
    const loc = await call<{ id: number; gid: string }>('POST', '/_sim/shops/ctl-shop.myshopify.com/locations', {
      name: 'Paris',
      address: { address1: '1 rue A', city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
    const level = await call<{ available: number; on_hand: number }>(
      'POST',
      '/_sim/shops/ctl-shop.myshopify.com/stock',
      { sku: 'MUG', locationId: loc.body.id, available: 5, damaged: 1 },
    );
    expect(level.body).toMatchObject({ available: 5, on_hand: 6 });
    const order = await call<{ id: number; name: string; fulfillmentOrders: { locationId: number }[] }>(
      'POST',
      '/_sim/shops/ctl-shop.myshopify.com/orders',
      {
        lines: [{ sku: 'MUG', quantity: 2 }],
        shippingAddress: { address1: '2 rue B', city: 'Lyon', zip: '69001', countryCode: 'FR' },
      },
    );
    expect(order.body.name).toBe('#1001');
    expect(order.body.fulfillmentOrders[0]?.locationId).toBe(loc.body.id);
    const inv = await call<{ available: number; committed: number }[]>(
      'GET',
      `/_sim/shops/ctl-shop.myshopify.com/inventory?sku=MUG`,
    );
    expect(inv.body[0]).toMatchObject({ available: 3, committed: 2 });
    const tooMany = await call<{ error: string }>('POST', '/_sim/shops/ctl-shop.myshopify.com/orders', {
      lines: [{ sku: 'MUG', quantity: 9 }],
      shippingAddress: { address1: 'x', city: 'y', zip: '1', countryCode: 'FR' },
    });
    expect(tooMany.status).toBe(422);
    const pending = await call<{ id: number; financialStatus: string }>(
      'POST',
      '/_sim/shops/ctl-shop.myshopify.com/orders',
      {
        lines: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: { address1: '2 rue B', city: 'Lyon', zip: '69001', countryCode: 'FR' },
        financialStatus: 'pending',
      },
    );
    expect(pending.body.financialStatus).toBe('pending');
    const paid = await call<{ financialStatus: string }>(
      'POST',
      `/_sim/shops/ctl-shop.myshopify.com/orders/${pending.body.id}/mark-paid`,
      {},
    );
    expect(paid.body.financialStatus).toBe('paid');
    expect(
      (await call('POST', `/_sim/shops/ctl-shop.myshopify.com/orders/${pending.body.id}/mark-paid`, {})).status,
    ).toBe(422);
    const cancelled = await call<{ cancelledAt: string | null }>(
      'POST',
      `/_sim/shops/ctl-shop.myshopify.com/orders/${order.body.id}/cancel`,
      { reason: 'CUSTOMER', restock: true },
    );
    expect(cancelled.body.cancelledAt).not.toBeNull();
    const token = await call<{ token: string }>('POST', '/_sim/shops/ctl-shop.myshopify.com/session-token', {
      userId: 3,
    });
    expect(token.body.token.split('.')).toHaveLength(3);
    const access = await call<{ access_token: string; expires_in: number }>(
      'POST',
      '/_sim/shops/ctl-shop.myshopify.com/access-token',
      { expiring: true },
    );
    expect(access.body).toMatchObject({ expires_in: 3600 });
    const gql = await fetch(`${sim.url}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': access.body.access_token },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(((await gql.json()) as { data: { shop: { name: string } } }).data.shop.name).toBe('ctl-shop');
    expect(
      (await call<{ outcome: string }[]>('GET', '/_sim/requests?shop=ctl-shop.myshopify.com')).body.map(
        (e) => e.outcome,
      ),
    ).toEqual(['ok']);
    const throttle = await call<{ throttle: { restoreRate: number } }>(
      'PUT',
      '/_sim/shops/ctl-shop.myshopify.com/throttle',
      { restoreRate: 50 },
    );
    expect(throttle.body.throttle.restoreRate).toBe(50);
    const chaos = await call<{ duplicateRate: number }>('PUT', '/_sim/chaos', { duplicateRate: 0.5 });
    expect(chaos.body.duplicateRate).toBe(0.5);
    expect((await call('GET', '/_sim/shops/nope.myshopify.com')).status).toBe(404);
    expect((await call('GET', '/_sim/does-not-exist')).status).toBe(404);
  });
});

describe('demo seed', () => {
  it('builds the FR merchant deterministically for a seed', async () => {
    const summary = seedDemoShop(sim);
    expect(summary).toMatchObject({ shop: 'demo-fr.myshopify.com', products: 40, locations: 3, orders: 320 });
    expect(summary.cancelled).toBeGreaterThan(0);
    expect(summary.fulfilled).toBeGreaterThan(summary.orders / 2);
    const shop = sim.shop('demo-fr.myshopify.com');
    expect(shop).toMatchObject({ currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', installed: true });
    expect([...shop.variants.values()].some((v) => v.sku === 'TSHIRT-BLEU-M')).toBe(true);
    const countries = new Set([...shop.orders.values()].map((o) => o.shippingAddress.countryCode));
    expect([...countries].sort()).toEqual(['BE', 'DE', 'ES', 'FR', 'IT', 'NL']);
    expect([...shop.fulfillments.values()].every((f) => f.tracking[0]?.number)).toBe(true);
    // the seed ran before the app was installed: no webhooks for history
    expect(sim.webhookLog({ shop: 'demo-fr.myshopify.com' })).toHaveLength(0);

    const again = createShopifySim({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, clock: sim.clock });
    seedDemoShop(again);
    const a = sim.control
      .listOrders('demo-fr.myshopify.com')
      .map((o) => [o.name, o.email, o.totalPrice, o.shippingAddress.zip, o.fulfillmentOrders.length]);
    const b = again.control
      .listOrders('demo-fr.myshopify.com')
      .map((o) => [o.name, o.email, o.totalPrice, o.shippingAddress.zip, o.fulfillmentOrders.length]);
    expect(b).toEqual(a);
    await again.stop();
  });
});
