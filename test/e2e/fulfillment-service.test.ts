import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'fs-shop.myshopify.com';
const address = {
  firstName: 'Paul',
  lastName: 'Roux',
  address1: '9 rue B',
  city: 'Lille',
  zip: '59000',
  countryCode: 'FR',
  latitude: 50.63,
  longitude: 3.06,
};

describe('the app as a fulfillment service: requests, callbacks and cancellation requests', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  let token: string;
  let key: string;
  let shopId: number;
  const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });
  const feed = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    s.app.inject({
      method,
      url: `/feed/v1${url}`,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'fulfill', 'reconcile']);
    token = await simShop(s.sim, SHOP, [{ sku: 'PLAID' }]);
    const shopLoc = s.sim.control.createLocation(SHOP, {
      name: 'Boutique',
      address: { address1: '1 rue C', city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
    s.sim.control.setStock(SHOP, { sku: 'PLAID', locationId: shopLoc.id, onHand: 50 });
    expect((await admin('GET', '/shop')).statusCode).toBe(200);
    shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    await waitFor(
      'import',
      async () => (await createSyncRepo(s.t.ctx.db).latestImport(shopId))?.status === 'completed',
    );
    const res = await admin('POST', '/warehouses', {
      name: 'Nord Logistique',
      code: 'NORD',
      address: { city: 'Lesquin', countryCode: 'FR' },
      latitude: 50.59,
      longitude: 3.11,
      timezone: 'Europe/Paris',
      cutoffTime: '23:59',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      zones: [{ code: 'FR', countries: ['FR'] }],
      serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2 } }],
      costs: { FR: 5 },
      location: { mode: 'fulfillment_service' },
    });
    expect(res.statusCode).toBe(201);
    const wh = res.json().warehouse;
    expect(wh.locationExternalId).toMatch(/^gid:\/\/shopify\/Location\//);
    key = (await admin('POST', `/warehouses/${wh.id}/keys`, { label: 'fs' })).json().key;
    await feed('POST', '/inventory-snapshots', {
      snapshotId: 'open',
      takenAt: new Date().toISOString(),
      items: [{ sku: 'PLAID', onHand: 20 }],
    });
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  const ourOrder = (gid: string) =>
    waitFor('order', async () => (await s.t.ctx.db.select().from(orders).where(eq(orders.externalId, gid)))[0]);

  it('moves the order to its location, requests and accepts the fulfillment, and fulfils it there', async () => {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'PLAID', quantity: 1 }],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const o = await ourOrder(placed.gid);
    const [a] = await waitFor('listed', async () => {
      const r = await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, o.id));
      return r[0]?.status === 'ready' ? r : null;
    });
    const fo = await waitFor('accepted in Shopify', () =>
      s.sim.control
        .getOrder(SHOP, placed.id)
        .fulfillmentOrders.find((f) => f.locationName === 'Nord Logistique' && f.requestStatus === 'ACCEPTED'),
    );
    expect(fo.status).toBe('IN_PROGRESS');
    // Shopify notified our callback, signed; the app answered it
    const callbacks = s.sim.webhookLog({ kind: 'fulfillment_service_callback' });
    expect(callbacks.some((c) => c.status === 'delivered')).toBe(true);
    await feed('POST', `/allocations/${a!.id}/acknowledge`);
    const lines = (await feed('GET', `/allocations/${a!.id}`))
      .json()
      .lines.map((l: { lineId: number; quantity: number }) => ({ lineId: l.lineId, quantity: l.quantity }));
    expect(
      (
        await feed(
          'POST',
          `/allocations/${a!.id}/shipments`,
          { lines, carrier: 'DPD', trackingNumbers: ['15501234567890'], shippedAt: new Date().toISOString() },
          { 'idempotency-key': 'fs-ship-1' },
        )
      ).statusCode,
    ).toBe(201);
    await waitFor(
      'fulfilled in Shopify',
      () => s.sim.control.getOrder(SHOP, placed.id).fulfillments[0]?.tracking[0]?.number === '15501234567890',
    );
  });

  it("answers a merchant's cancellation request after asking the 3PL", async () => {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'PLAID', quantity: 2 }],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const o = await ourOrder(placed.gid);
    const [a] = await waitFor('listed', async () => {
      const r = await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, o.id));
      return r[0]?.status === 'ready' ? r : null;
    });
    await feed('POST', `/allocations/${a!.id}/acknowledge`);
    const fo = await waitFor('accepted', () =>
      s.sim.control.getOrder(SHOP, placed.id).fulfillmentOrders.find((f) => f.requestStatus === 'ACCEPTED'),
    );
    // the merchant asks, from Shopify admin, to cancel
    const { access_token } = s.sim.issueAccessToken(SHOP);
    const res = await fetch(s.sim.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-access-token': access_token,
        'x-shopify-shop-domain': SHOP,
      },
      body: JSON.stringify({
        query: `mutation { fulfillmentOrderSubmitCancellationRequest(id: "${fo.gid}", message: "customer changed their mind") { fulfillmentOrder { id requestStatus } userErrors { message } } }`,
      }),
    });
    expect(
      ((await res.json()) as { data: { fulfillmentOrderSubmitCancellationRequest: { userErrors: unknown[] } } }).data
        .fulfillmentOrderSubmitCancellationRequest.userErrors,
    ).toEqual([]);
    await waitFor('asked at the 3PL', async () =>
      (await feed('GET', '/allocations?status=cancel_requested'))
        .json()
        .items.some((i: { id: number }) => i.id === a!.id),
    );
    expect((await feed('POST', `/allocations/${a!.id}/cancellation`, { accept: true })).json()).toEqual({
      status: 'cancelled',
    });
    await waitFor('cancellation accepted in Shopify', () =>
      s.sim.control
        .getOrder(SHOP, placed.id)
        .fulfillmentOrders.some((f) => f.gid === fo.gid && f.requestStatus === 'CANCELLATION_ACCEPTED'),
    );
  });
});
