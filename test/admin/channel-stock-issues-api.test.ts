import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAccountDto } from '../../core/contracts/admin/channels.js';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { CallGateWait } from '../../core/integrations/channels/call-gate.js';
import { pushChannelStock } from '../../core/use-cases/push-channel-stock.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { amazonSimAccount, miraklSimAccount } from '../helpers/sim-channel-accounts.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'refused-a.myshopify.com';
const OTHER = 'refused-b.myshopify.com';

/** The SKUs a marketplace refused reach the merchant through the channel-accounts answer, per account and per shop. */
describe('admin API: the SKUs each channel account refused', () => {
  let s: SimApp;
  let amazon: AmazonSim;
  let amazonUrl: string;
  const tokens: Record<string, string> = {};
  const shopIds: Record<string, number> = {};

  beforeAll(async () => {
    s = await startSimApp();
    amazon = createAmazonSim();
    amazonUrl = await amazon.start(0);
    for (const domain of [SHOP, OTHER]) {
      tokens[domain] = await simShop(s.sim, domain);
      // the first admin call installs the shop
      await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tokens[domain]}` } });
      shopIds[domain] = (await createShopsRepo(s.t.ctx.db).byDomain(domain))!.id;
    }
  });
  afterAll(async () => {
    await amazon.stop();
    await s.close();
  });
  const accountsOf = async (domain: string): Promise<ChannelAccountDto[]> => {
    const res = await s.app.inject({
      url: '/api/admin/channel-accounts',
      headers: { authorization: `Bearer ${tokens[domain]}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json().accounts;
  };

  it('lists what Amazon refused in a push, with its message and time, and clears it once accepted', async () => {
    const db = s.t.ctx.db;
    const shopId = shopIds[SHOP]!;
    const warehouse = await seedWarehouse(db, shopId);
    for (const sku of ['MUG-1', 'MUG-2', 'MUG-GHOST'])
      await receive(db, shopId, warehouse.id, await seedSku(db, shopId, sku), 7);
    amazon.state.setListing('MUG-1', 0);
    amazon.state.setListing('MUG-2', 0);
    const account = await createChannelAccountsRepo(db).create(shopId, amazonSimAccount(s.t.ctx, amazon, amazonUrl));
    expect(await accountsOf(SHOP)).toEqual([
      expect.objectContaining({ id: account.id, stockIssues: { total: 0, latest: [] } }),
    ]);

    const before = Date.now();
    const deps = { db, channels: s.t.ctx.channels, log: s.t.ctx.log };
    expect(await pushChannelStock(deps, { shopId, accountId: account.id, full: true })).toMatchObject({
      status: 'pushed',
      rejected: 1,
    });
    const [listed] = await accountsOf(SHOP);
    expect(listed!.stockIssues).toEqual({
      total: 1,
      latest: [{ sku: 'MUG-GHOST', quantity: 7, message: expect.stringMatching(/MUG-GHOST/), at: expect.any(String) }],
    });
    expect(Date.parse(listed!.stockIssues.latest[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // another shop sees none of it
    expect(await accountsOf(OTHER)).toEqual([]);

    // once Amazon lists it, the next push (after the account's call spacing, as the worker retries) clears it
    amazon.state.setListing('MUG-GHOST', 0);
    for (;;) {
      const again = await pushChannelStock(deps, { shopId, accountId: account.id }).catch((e: unknown) => e);
      if (!(again instanceof CallGateWait)) {
        expect(again).toMatchObject({ status: 'pushed', accepted: 1 });
        break;
      }
      await new Promise((r) => setTimeout(r, again.retryAfterMs));
    }
    expect((await accountsOf(SHOP))[0]!.stockIssues).toEqual({ total: 0, latest: [] });
  });

  it('lists the most recent refusals of each account up to a cap, counts the rest, and keeps shops apart', async () => {
    const db = s.t.ctx.db;
    const repo = createChannelAccountsRepo(db);
    const [shopId, otherId] = [shopIds[SHOP]!, shopIds[OTHER]!];
    const fnac = await repo.create(shopId, miraklSimAccount(s.t.ctx, 'http://127.0.0.1:9', { apiKey: 'k' }));
    const skuIds = [];
    for (let i = 1; i <= 30; i++) skuIds.push(await seedSku(db, shopId, `LAMP-${String(i).padStart(2, '0')}`));
    // 30 refusals, one a minute; the oldest carries the NUL and half a surrogate pair a marketplace may send
    const start = Date.UTC(2025, 0, 10, 8, 0);
    for (const [i, skuId] of skuIds.entries())
      await repo.recordStockIssues(shopId, fnac.id, {
        accepted: [],
        refused: [{ skuId, quantity: i, message: i === 0 ? 'bad\u0000offer \uD83D' : `offer ${i} unknown` }],
        reference: `import-${i}`,
        at: new Date(start + i * 60_000),
      });
    const theirs = await repo.create(otherId, miraklSimAccount(s.t.ctx, 'http://127.0.0.1:9', { apiKey: 'k' }));
    await repo.recordStockIssues(otherId, theirs.id, {
      accepted: [],
      refused: [{ skuId: await seedSku(db, otherId, 'THEIR-SKU'), quantity: 1, message: 'not yours' }],
      reference: null,
      at: new Date(start),
    });

    const mine = (await accountsOf(SHOP)).find((a) => a.id === fnac.id)!;
    expect(mine.stockIssues.total).toBe(30);
    expect(mine.stockIssues.latest.map((i) => i.sku)).toEqual(
      Array.from({ length: 25 }, (_, k) => `LAMP-${String(30 - k).padStart(2, '0')}`),
    );
    expect(mine.stockIssues.latest[0]).toEqual({
      sku: 'LAMP-30',
      quantity: 29,
      message: 'offer 29 unknown',
      at: new Date(start + 29 * 60_000).toISOString(),
    });
    expect(JSON.stringify(await accountsOf(SHOP))).not.toContain('THEIR-SKU');
    expect(await accountsOf(OTHER)).toEqual([
      expect.objectContaining({
        id: theirs.id,
        stockIssues: { total: 1, latest: [expect.objectContaining({ sku: 'THEIR-SKU', message: 'not yours' })] },
      }),
    ]);
    // the hostile message was stored, written out as escapes
    const stored = await repo.stockIssues(shopId, fnac.id);
    expect(stored.find((i) => i.sku === 'LAMP-01')!.message).toBe('bad\\u0000offer \\ud83d');
  });
});
