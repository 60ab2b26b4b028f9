import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { pushChannelStock } from '../../core/use-cases/push-channel-stock.js';
import type { SkuDetail, StockPage } from '../../core/contracts/admin/index.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { amazonSimAccount, miraklSimAccount } from '../helpers/sim-channel-accounts.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'stock-channels.myshopify.com';
const OTHER = 'stock-channels-other.myshopify.com';

/**
 * GET /stock carries what every channel may sell of each SKU of the page, and those figures are
 * the quantities the pushes send: the marketplaces' simulators end up showing the same numbers.
 */
describe('admin API: sellable per channel on the Stock list', () => {
  let s: SimApp;
  let mirakl: MiraklSim;
  let miraklUrl: string;
  let amazon: AmazonSim;
  let token: string;
  let shopId: number;
  const ids: Record<string, number> = {};
  const accountIds: Record<string, number> = {};
  const admin = async <T>(method: 'GET' | 'PUT', url: string, payload?: unknown, as = token) => {
    const res = await s.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${as}` },
      ...(payload ? { payload: payload as object } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    s = await startSimApp();
    mirakl = createMiraklSim({ apiKey: 'fnac-key', shopName: 'Fnac' });
    miraklUrl = await mirakl.start(0);
    amazon = createAmazonSim();
    const amazonUrl = await amazon.start(0);
    token = await simShop(s.sim, SHOP);
    await admin('GET', '/shop');
    const db = s.t.ctx.db;
    shopId = (await createShopsRepo(db).byDomain(SHOP))!.id;
    const accounts = createChannelAccountsRepo(db);
    accountIds.fnac = (await accounts.create(shopId, miraklSimAccount(s.t.ctx, miraklUrl, { apiKey: 'fnac-key' }))).id;
    accountIds.amazon = (await accounts.create(shopId, amazonSimAccount(s.t.ctx, amazon, amazonUrl))).id;
    // Shopify keeps 2 back per location, Fnac 3 units, every Amazon account half of what is free
    const { settings } = await admin<{ settings: { buffers: Record<string, unknown> } }>('GET', '/stock-settings');
    await admin('PUT', '/stock-settings', {
      ...settings,
      buffers: {
        shopify: { kind: 'fixed', units: 2 },
        fnac: { kind: 'fixed', units: 3 },
        amazon: { kind: 'percent', percent: 50 },
      },
    });

    // Paris is a Shopify location; Lille is not; Lyon is one but switched off
    const paris = await seedWarehouse(db, shopId, { locationExternalId: 'gid://shopify/Location/1' });
    const lille = await seedWarehouse(db, shopId);
    const lyon = await seedWarehouse(db, shopId, { locationExternalId: 'gid://shopify/Location/2', active: false });
    for (const sku of ['CH-A', 'CH-B', 'CH-C']) ids[sku] = await seedSku(db, shopId, sku);
    await receive(db, shopId, paris.id, ids['CH-A']!, 10);
    await receive(db, shopId, lille.id, ids['CH-A']!, 5);
    await receive(db, shopId, lyon.id, ids['CH-A']!, 4);
    await receive(db, shopId, paris.id, ids['CH-B']!, 1);
    await fetch(`${miraklUrl}/_sim/offers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offers: Object.keys(ids).map((sku) => ({ sku, quantity: 99 })) }),
    });
    for (const sku of Object.keys(ids)) amazon.state.setListing(sku, 99);
  });
  afterAll(async () => {
    await mirakl.stop();
    await amazon.stop();
    await s.close();
  });

  it('lists the channels and each SKU’s sellable units on them, after each buffer', async () => {
    const page = await admin<StockPage>('GET', '/stock?q=CH-');
    expect(page.channels).toEqual([
      { channel: 'shopify', name: 'Shopify', kind: 'shopify' },
      { channel: 'fnac', name: 'Fnac Darty', kind: 'mirakl' },
      { channel: 'amazon-fr', name: 'Amazon.fr', kind: 'amazon' },
    ]);
    const figures = Object.fromEntries(page.items.map((i) => [i.sku, i.channels]));
    // A: Shopify sells Paris's 10 less 2; the marketplaces the 15 free in active warehouses, less 3 or half
    expect(figures).toEqual({ 'CH-A': [8, 12, 7], 'CH-B': [0, 0, 0], 'CH-C': [0, 0, 0] });

    // the SKU's own page says the same
    const detail = await admin<SkuDetail>('GET', `/skus/${ids['CH-A']}`);
    expect(detail.channels.map((c) => [c.channel, c.sellable, c.buffer])).toEqual([
      ['shopify', 8, 2],
      ['fnac', 12, 3],
      ['amazon-fr', 7, 8],
    ]);
  });

  it('shows what the pushes then send to each marketplace', async () => {
    const deps = { db: s.t.ctx.db, channels: s.t.ctx.channels, log: s.t.ctx.log };
    for (const accountId of Object.values(accountIds))
      expect(await pushChannelStock(deps, { shopId, accountId, full: true })).toMatchObject({
        status: 'pushed',
        rejected: 0,
      });
    const page = await admin<StockPage>('GET', '/stock?q=CH-');
    const offers = (
      (await (await fetch(`${miraklUrl}/_sim/offers`)).json()) as { offers: { sku: string; quantity: number }[] }
    ).offers;
    const listings = amazon.state.listings();
    for (const item of page.items) {
      expect(offers.find((o) => o.sku === item.sku)?.quantity, item.sku).toBe(item.channels[1]);
      expect(listings.find((l) => l.sku === item.sku)?.quantity, item.sku).toBe(item.channels[2]);
    }
  });

  it('shows another shop only Shopify, and none of this shop’s accounts', async () => {
    const other = await simShop(s.sim, OTHER);
    const page = await admin<StockPage>('GET', '/stock', undefined, other);
    expect(page.channels).toEqual([{ channel: 'shopify', name: 'Shopify', kind: 'shopify' }]);
    expect(page.items).toEqual([]);
  });
});
