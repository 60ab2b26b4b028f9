import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { pushChannelStock } from '../../core/use-cases/push-channel-stock.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'buffer-fnac.myshopify.com';

/** Defect 7 of #15: a channel buffer set in the admin holds units back from a marketplace too, not only from Shopify. */
describe('a buffer on a marketplace channel', () => {
  let s: SimApp;
  let mirakl: MiraklSim;
  let miraklUrl: string;
  beforeAll(async () => {
    s = await startSimApp();
    mirakl = createMiraklSim({ apiKey: 'buffer-key', shopName: 'Buffer sur Fnac' });
    miraklUrl = await mirakl.start(0);
  });
  afterAll(async () => {
    await mirakl.stop();
    await s.close();
  });

  it('is kept back from the quantity pushed to the marketplace', async () => {
    const token = await simShop(s.sim, SHOP);
    const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      s.app.inject({
        method,
        url: `/api/admin${url}`,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload: payload as object } : {}),
      });
    expect((await admin('GET', '/shop')).statusCode).toBe(200);
    const db = s.t.ctx.db;
    const shopId = (await createShopsRepo(db).byDomain(SHOP))!.id;
    const created = await admin('POST', '/channel-accounts', {
      kind: 'mirakl',
      name: 'Fnac Darty',
      code: 'fnac',
      baseUrl: miraklUrl,
      apiKey: 'buffer-key',
      carriers: [{ code: 'COLISSIMO', label: 'Colissimo' }],
    });
    expect(created.statusCode).toBe(201);
    const accountId = created.json().account.id as number;
    // the merchant keeps 3 units back from Fnac, in the replenishment settings
    const settings = (await admin('GET', '/stock-settings')).json().settings;
    const saved = await admin('PUT', '/stock-settings', {
      ...settings,
      buffers: { ...settings.buffers, fnac: { kind: 'fixed', units: 3 } },
    });
    expect(saved.statusCode).toBe(200);

    // a Shopify location: Shopify sells what the warehouse holds there
    const wh = await seedWarehouse(db, shopId, { locationExternalId: 'gid://shopify/Location/1' });
    const skuId = await seedSku(db, shopId, 'BOL-FNAC');
    await receive(db, shopId, wh.id, skuId, 10);
    await fetch(`${miraklUrl}/_sim/offers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offers: [{ sku: 'BOL-FNAC', quantity: 0 }] }),
    });

    const pushed = await pushChannelStock(
      { db, channels: s.t.ctx.channels, log: s.t.ctx.log },
      { shopId, accountId, full: true },
    );
    expect(pushed).toMatchObject({ status: 'pushed', accepted: 1 });
    const offers = (await (await fetch(`${miraklUrl}/_sim/offers`)).json()) as {
      offers: { sku: string; quantity: number }[];
    };
    expect(offers.offers.find((o) => o.sku === 'BOL-FNAC')?.quantity).toBe(7);

    // the SKU's page shows each channel's sellable units, after its buffer, and what it was last told
    const detail = await admin('GET', `/skus/${skuId}`);
    expect(detail.statusCode).toBe(200);
    const channels = detail.json().channels as {
      channel: string;
      buffer: number;
      sellable: number;
      lastPushed: number | null;
    }[];
    expect(channels.find((c) => c.channel === 'shopify')).toMatchObject({ buffer: 0, sellable: 10, lastPushed: null });
    expect(channels.find((c) => c.channel === 'fnac')).toMatchObject({ buffer: 3, sellable: 7, lastPushed: 7 });
  });
});
