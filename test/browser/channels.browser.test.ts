import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { pollChannelOrders } from '../../core/use-cases/poll-channel-orders.js';
import { pushChannelStock } from '../../core/use-cases/push-channel-stock.js';
import { buildApp } from '../../server/app.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { createShopifySim, seedDemoShop, type ShopifySim } from '../../sim/shopify/index.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { launchChromium, loadPage, openContext, screenshot } from './browser.js';

const SHOP = 'demo-fr.myshopify.com';

describe('the Channels page', () => {
  let sim: ShopifySim;
  let mirakl: MiraklSim;
  let amazon: AmazonSim;
  let t: TestContext;
  let app: FastifyInstance;
  let appUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let shopId: number;

  beforeAll(async () => {
    sim = createShopifySim({ apiKey: 'demo-api-key', apiSecret: 'demo-api-secret' });
    const simUrl = await sim.start(0);
    seedDemoShop(sim, { domain: SHOP });
    mirakl = createMiraklSim({ apiKey: 'fnac-key', shopName: 'Maison Démo sur Fnac' });
    const miraklUrl = await mirakl.start(0);
    amazon = createAmazonSim({ storeName: 'Maison Démo sur Amazon' });
    const amazonUrl = await amazon.start(0);
    t = await createTestContext({
      SHOPIFY_API_ORIGIN: simUrl,
      SHOPIFY_API_KEY: 'demo-api-key',
      SHOPIFY_API_SECRET: 'demo-api-secret',
    });
    app = await buildApp(t.ctx, { logger: false });
    app.get('/_demo/session-token', async () => ({ token: await sim.mintSessionToken(SHOP), shop: SHOP }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const shop = await createShopsRepo(t.ctx.db).activate(SHOP, {
      name: 'Maison Démo',
      currency: 'EUR',
      locale: 'fr',
      timezone: 'Europe/Paris',
    });
    shopId = shop.id;
    await createShopsRepo(t.ctx.db).updateSettings(shop.id, { language: 'en' });
    const accounts = createChannelAccountsRepo(t.ctx.db);
    const carriers = mirakl.state.carriers.map((c) => ({ code: c.code, label: c.label }));
    const fnac = await accounts.create(shop.id, {
      kind: 'mirakl',
      code: 'fnac',
      name: 'Fnac Darty',
      baseUrl: miraklUrl,
      credentialsEnc: t.ctx.channels.sealCredentials('mirakl', { apiKey: 'fnac-key' }),
      settings: { kind: 'mirakl', carriers, pageSize: 100, pollEveryMs: 300_000 },
    });
    const darty = await accounts.create(shop.id, {
      kind: 'mirakl',
      code: 'leroy-merlin',
      name: 'Leroy Merlin',
      baseUrl: miraklUrl,
      credentialsEnc: t.ctx.channels.sealCredentials('mirakl', { apiKey: 'revoked-key' }),
      settings: { kind: 'mirakl', carriers, pageSize: 100, pollEveryMs: 300_000 },
    });
    const amazonFr = await accounts.create(shop.id, {
      kind: 'amazon',
      code: 'amazon-fr',
      name: 'Amazon.fr',
      baseUrl: amazonUrl,
      credentialsEnc: t.ctx.channels.sealCredentials('amazon', amazon.credentials),
      settings: {
        kind: 'amazon',
        sellerId: amazon.state.sellerId,
        marketplaceId: amazon.state.marketplaceId,
        lwaUrl: `${amazonUrl}/auth/o2/token`,
        queueUrl: amazon.queueUrl,
        pollEveryMs: 60_000,
        waitTimeSeconds: 0,
      },
    });
    amazon.state.placeOrder({ lines: [{ sku: 'TASSE-BLEUE', quantity: 1 }] });
    mirakl.state.placeOrder({ lines: [{ sku: 'TASSE-BLEUE', quantity: 1 }] });
    const deps = { db: t.ctx.db, queues: t.ctx.queues, channels: t.ctx.channels, log: t.ctx.log };
    await pollChannelOrders(deps, { shopId: shop.id, accountId: fnac.id });
    await pollChannelOrders(deps, { shopId: shop.id, accountId: amazonFr.id });
    await expect(pollChannelOrders(deps, { shopId: shop.id, accountId: darty.id })).rejects.toThrow(/401/);
    // Amazon lists one of the three SKUs: a stock push has the two others refused, in Amazon's words
    const warehouse = await seedWarehouse(t.ctx.db, shop.id);
    for (const [i, sku] of ['TASSE-BLEUE', 'VASE-GRIS', 'BOL-ROUGE'].entries())
      await receive(t.ctx.db, shop.id, warehouse.id, await seedSku(t.ctx.db, shop.id, sku), 12 + i);
    amazon.state.setListing('TASSE-BLEUE', 0);
    expect(await pushChannelStock(deps, { shopId: shop.id, accountId: amazonFr.id, full: true })).toMatchObject({
      status: 'pushed',
      rejected: 2,
    });
    browser = await launchChromium();
    ({ context, page, errors } = await openContext(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await mirakl?.stop();
    await amazon?.stop();
    await sim?.stop();
    await t?.close();
  });

  it('shows each account with its last sync, lag and error, and tests a connection', async () => {
    await loadPage(page, `${appUrl}/channels`, 'channels', 'en').catch(async (e: unknown) => {
      await screenshot(page, 'FAILED-channels');
      throw new Error(`${(e as Error).message}; page errors: ${errors.join(' | ')}`);
    });
    expect(await page.locator('h1').first().textContent()).toBe('Channels');
    await page.getByText('Fnac Darty').waitFor();
    await page.getByText('Syncing').first().waitFor();
    await page.getByText(/Failing \(1 attempt\)/).waitFor();
    await page.getByText(/answered 401: Unauthorized/).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).first().click();
    await page.getByText('Connected to Maison Démo sur Fnac').waitFor();
    await page.getByText('Amazon.fr', { exact: true }).waitFor();
    await page.getByText(/searchOrders: at most once every \d+ s, 0\.0056 calls\/s, bursts of 20/).waitFor();
    await screenshot(page, 'channels-en');
    await page.getByRole('button', { name: 'Connect a marketplace' }).first().click();
    await page.getByLabel('Seller API URL').waitFor();
    await screenshot(page, 'channels-connect-en', false);
    await page.getByLabel('Marketplace', { exact: true }).selectOption('amazon');
    await page.getByLabel('Refresh token').waitFor();
    await screenshot(page, 'channels-connect-amazon-en', false);
    expect(errors).toEqual([]);
  });

  it('shows the SKUs a marketplace refused under its account, and nothing under the others, in English and French', async () => {
    const words = {
      en: { heading: '2 SKUs refused by Amazon.fr', column: 'Message from the marketplace' },
      fr: { heading: '2 SKU refusés par Amazon.fr', column: 'Message de la marketplace' },
    } as const;
    for (const language of ['en', 'fr'] as const) {
      await createShopsRepo(t.ctx.db).updateSettings(shopId, { language });
      await loadPage(page, `${appUrl}/channels`, 'channels', language);
      const w = words[language];
      await page.getByRole('heading', { name: w.heading }).waitFor();
      // only the Amazon account has refusals: the others show no such section
      expect(await page.getByRole('heading', { level: 3 }).count()).toBe(1);
      const table = page.locator('.refused-table');
      expect(await table.count()).toBe(1);
      await table.getByRole('columnheader', { name: w.column }).waitFor();
      const rows = await table.locator('tbody tr').allInnerTexts();
      expect(rows.map((r) => r.split('\t')[0])).toEqual(['BOL-ROUGE', 'VASE-GRIS']);
      for (const row of rows) {
        const [sku, message, quantity, when] = row.split('\t');
        expect(message, row).toContain(sku);
        expect(quantity, row).toBe(sku === 'VASE-GRIS' ? '13' : '14');
        expect(when, row).toMatch(/\d{2}:\d{2}/);
      }
      await screenshot(page, `channels-refused-${language}`);
    }
    expect(errors).toEqual([]);
  });
});
