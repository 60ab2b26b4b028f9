import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { CallGateWait } from '../../core/integrations/channels/call-gate.js';
import { pushChannelStock } from '../../core/use-cases/push-channel-stock.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { amazonSimAccount } from '../helpers/sim-channel-accounts.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'amazon-feed.myshopify.com';
const SKUS = Array.from({ length: 25 }, (_, i) => `FEED-${String(i + 1).padStart(2, '0')}`);

/** Quantities of many SKUs reach Amazon as one JSON_LISTINGS_FEED, and its report's refusals are kept per SKU. */
describe('Amazon quantities in bulk through the listings feed', () => {
  let s: SimApp;
  let amazon: AmazonSim;
  let amazonUrl: string;
  let shopId: number;
  let warehouseId: number;
  const skuIds = new Map<string, number>();
  const deps = () => ({ db: s.t.ctx.db, channels: s.t.ctx.channels, log: s.t.ctx.log });
  const createAccount = (code: string, feed: { feedEveryMs?: number }) =>
    createChannelAccountsRepo(s.t.ctx.db).create(
      shopId,
      amazonSimAccount(s.t.ctx, amazon, amazonUrl, {
        code,
        name: code,
        settings: { feedPollMs: 50, feedWaitMs: 20_000, ...feed },
      }),
    );
  /** as the worker does: a push our own spacing holds back runs again after the wait */
  const pushWhenFree = async (accountId: number) => {
    for (;;) {
      try {
        return await pushChannelStock(deps(), { shopId, accountId });
      } catch (e) {
        if (!(e instanceof CallGateWait) || e.retryAfterMs > 5_000) throw e;
        await new Promise((r) => setTimeout(r, e.retryAfterMs));
      }
    }
  };
  const calls = (op: string) => amazon.calls.filter((c) => c.operation === op && c.status < 400).length;
  const listing = (sku: string) => amazon.state.listings().find((l) => l.sku === sku)?.quantity;

  beforeAll(async () => {
    s = await startSimApp();
    amazon = createAmazonSim({ feedProcessingMs: 300 });
    amazonUrl = await amazon.start(0);
    const token = await simShop(s.sim, SHOP);
    // the first admin call installs the shop
    await s.app.inject({ method: 'GET', url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } });
    shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    warehouseId = (await seedWarehouse(s.t.ctx.db, shopId)).id;
    for (const [i, sku] of [...SKUS, 'FEED-GHOST'].entries()) {
      const id = await seedSku(s.t.ctx.db, shopId, sku);
      skuIds.set(sku, id);
      await receive(s.t.ctx.db, shopId, warehouseId, id, 10 + i);
    }
    // every SKU but the ghost is listed on Amazon
    for (const sku of SKUS) amazon.state.setListing(sku, 0);
  });
  afterAll(async () => {
    await amazon.stop();
    await s.close();
  });

  it('sends a push of many SKUs as one feed, and the listings take its quantities', async () => {
    const account = await createAccount('amazon-bulk', { feedEveryMs: 0 });
    const res = await pushChannelStock(deps(), { shopId, accountId: account.id, full: true });
    expect(res).toMatchObject({ status: 'pushed', changed: 26, accepted: 25, rejected: 1 });
    expect(calls('createFeedDocument')).toBe(1);
    expect(calls('createFeed')).toBe(1);
    expect(calls('patchListingsItem')).toBe(0);
    const [feed] = amazon.feeds.list();
    expect(feed).toMatchObject({ feedType: 'JSON_LISTINGS_FEED', processingStatus: 'DONE' });
    expect(res.status === 'pushed' && res.reference).toBe(feed!.feedId);
    for (const [i, sku] of SKUS.entries()) expect(listing(sku), sku).toBe(10 + i);

    // the report named the SKU Amazon does not know: the push keeps its reason, and does not count it as told
    expect(res.status === 'pushed' && res.issues).toEqual([
      { sku: 'FEED-GHOST', message: expect.stringMatching(/^90220: .*FEED-GHOST does not exist/) },
    ]);
    const repo = createChannelAccountsRepo(s.t.ctx.db);
    expect(await repo.stockIssues(shopId, account.id)).toEqual([
      expect.objectContaining({ sku: 'FEED-GHOST', quantity: 35, reference: feed!.feedId }),
    ]);
    const told = await repo.pushedStock(shopId, account.id);
    expect(told.size).toBe(25);
    expect(told.has(skuIds.get('FEED-GHOST')!)).toBe(false);

    // the next push offers the ghost alone, through patchListingsItem, and it is refused again
    const again = await pushWhenFree(account.id);
    expect(again).toMatchObject({ status: 'pushed', changed: 1, rejected: 1 });
    expect(calls('patchListingsItem')).toBe(1);
    expect(calls('createFeed')).toBe(1);
    // once Amazon lists it, the issue is cleared
    amazon.state.setListing('FEED-GHOST', 0);
    expect(await pushWhenFree(account.id)).toMatchObject({ accepted: 1 });
    expect(listing('FEED-GHOST')).toBe(35);
    expect(await repo.stockIssues(shopId, account.id)).toEqual([]);
  });

  it('keeps to createFeed’s usage plan: a second bulk push within it waits', async () => {
    const account = await createAccount('amazon-paced', {});
    const before = calls('createFeed');
    expect(await pushChannelStock(deps(), { shopId, accountId: account.id, full: true })).toMatchObject({
      status: 'pushed',
      accepted: 26,
    });
    const second = pushChannelStock(deps(), { shopId, accountId: account.id, full: true });
    const held = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(held).toBeInstanceOf(CallGateWait);
    // about two minutes: one call at 0.0083 per second
    expect((held as CallGateWait).retryAfterMs).toBeGreaterThan(100_000);
    expect(calls('createFeed')).toBe(before + 1);
  });
});
