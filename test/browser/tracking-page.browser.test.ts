import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { LYON_CUSTOMER } from '../helpers/shipped-order.js';
import { waitFor } from '../helpers/wait.js';
import { launchChromium, screenshot } from './browser.js';

const SHOP = 'maison-suivi.myshopify.com';

describe('the customer tracking page in a browser', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  let pageUrl: string;

  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'fulfill', 'reconcile']);
    const token = await simShop(s.sim, SHOP, [
      { sku: 'BOL-BLEU', price: 18 },
      { sku: 'TASSE-ROSE', price: 12 },
    ]);
    const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      s.app.inject({
        method,
        url: `/api/admin${url}`,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload: payload as object } : {}),
      });
    const lyon = s.sim.control.createLocation(SHOP, {
      name: 'Lyon',
      address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
    });
    for (const sku of ['BOL-BLEU', 'TASSE-ROSE'])
      s.sim.control.setStock(SHOP, { sku, locationId: lyon.id, onHand: 50 });
    expect((await admin('GET', '/shop')).statusCode).toBe(200);
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    await waitFor('import', async () => {
      const i = await createSyncRepo(s.t.ctx.db).latestImport(shopId);
      return i && i.status !== 'running' ? i : null;
    });
    await admin('PATCH', '/settings', { brandColor: '#7a3e9d' });
    const wh = (
      await admin('POST', '/warehouses', {
        name: 'Lyon',
        code: 'LYON',
        address: { ...lyon.address, countryCode: 'FR' },
        latitude: lyon.address.latitude,
        longitude: lyon.address.longitude,
        timezone: 'Europe/Paris',
        cutoffTime: '23:59',
        workingDays: [1, 2, 3, 4, 5, 6, 7],
        zones: [{ code: 'FR', countries: ['FR'] }],
        serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2 } }],
        costs: { FR: 6 },
        location: { mode: 'existing', externalId: lyon.gid },
      })
    ).json().warehouse;
    const key = (await admin('POST', `/warehouses/${wh.id}/keys`, { label: 'b' })).json().key as string;
    const feed = (method: 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      s.app.inject({
        method,
        url: `/feed/v1${url}`,
        headers: { authorization: `Bearer ${key}`, ...headers },
        ...(payload ? { payload: payload as object } : {}),
      });
    await feed('POST', '/inventory-snapshots', {
      snapshotId: 'open',
      takenAt: new Date().toISOString(),
      items: [
        { sku: 'BOL-BLEU', onHand: 40 },
        { sku: 'TASSE-ROSE', onHand: 40 },
      ],
    });
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'BOL-BLEU', quantity: 2 },
        { sku: 'TASSE-ROSE', quantity: 1 },
      ],
      financialStatus: 'paid',
      customerLocale: 'fr',
      shippingAddress: LYON_CUSTOMER,
    });
    const order = await waitFor(
      'order',
      async () =>
        (
          await s.t.ctx.db
            .select()
            .from(orders)
            .where(and(eq(orders.shopId, shopId), eq(orders.externalId, placed.gid)))
        )[0],
    );
    const [a] = await waitFor('ready', async () => {
      const r = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, order.id))).filter(
        (x) => x.status === 'ready',
      );
      return r.length ? r : null;
    });
    const leased = (await feed('POST', '/allocations/lease')).json();
    const lines = leased.items[0].lines.map((l: { lineId: number; quantity: number }) => ({
      lineId: l.lineId,
      quantity: l.quantity,
    }));
    const ship = (
      await feed(
        'POST',
        `/allocations/${a!.id}/shipments`,
        {
          lines,
          carrier: 'Colissimo',
          trackingNumbers: ['6A12345678901'],
          shippedAt: new Date(Date.now() - 86_400_000).toISOString(),
          leaseToken: leased.leaseToken,
        },
        { 'idempotency-key': 'browser-parcel' },
      )
    ).json();
    await feed('POST', `/shipments/${ship.shipmentId}/events`, {
      status: 'in_transit',
      occurredAt: new Date(Date.now() - 40_000_000).toISOString(),
      location: 'Plateforme de Saint-Priest',
      description: 'Colis pris en charge',
    });
    await feed('POST', `/shipments/${ship.shipmentId}/events`, {
      status: 'out_for_delivery',
      occurredAt: new Date().toISOString(),
      location: 'Lyon 3e',
    });
    pageUrl = (await admin('GET', `/orders/${order.id}`)).json().order.trackingPageUrl;
  });
  afterAll(async () => {
    await workers?.close();
    await s?.close();
  });

  it('reads well at 390 px and on a desktop, under 50 KB, with no JavaScript', async () => {
    const browser = await launchChromium();
    try {
      for (const [name, viewport] of [
        ['tracking-page-390', { width: 390, height: 844 }],
        ['tracking-page-desktop', { width: 1280, height: 900 }],
      ] as const) {
        const context = await browser.newContext({ viewport, javaScriptEnabled: false });
        const page = await context.newPage();
        const res = await page.goto(pageUrl);
        expect(res!.status()).toBe(200);
        const body = await res!.text();
        expect(Buffer.byteLength(body)).toBeLessThan(50_000);
        expect(body).not.toMatch(/<script/i);
        await expect(page.locator('h1').textContent()).resolves.toContain('Commande');
        await expect(page.getByText('En cours de livraison').first().isVisible()).resolves.toBe(true);
        // nothing wider than the screen
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, name);
        await context.close();
      }
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const res = await page.goto(`${s.appUrl}/t/AAAAAAAAAAAAAAAAAAAAAAAA`);
      expect(res!.status()).toBe(404);
      await screenshot(page, 'tracking-page-404');
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
