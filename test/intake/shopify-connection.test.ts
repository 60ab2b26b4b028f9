import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { imports } from '../../drizzle/schema/index.js';
import { createSessionsRepo } from '../../core/db/sessions-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { SHOP_INFO, type ShopInfo } from '../../core/integrations/shopify/operations/catalog.js';
import { seedDemoShop } from '../../sim/shopify/index.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

describe('connection to Shopify: expiring tokens and the initial import', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  beforeAll(async () => {
    // offline tokens live two minutes: inside the app's refresh margin from the start
    s = await startSimApp({ sim: { offlineTokenTtlSec: 120 } });
    workers = await startWorkers(s.t.ctx, ['reconcile', 'ingest']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  it('refreshes an expiring offline token before use and keeps the new refresh token', async () => {
    const token = await simShop(s.sim, 'refresh-shop.myshopify.com');
    await s.t.ctx.shopTokens.installFromSessionToken('refresh-shop.myshopify.com', token);
    const sessions = createSessionsRepo(s.t.ctx.db, s.t.ctx.cipher);
    const first = (await sessions.load('offline_refresh-shop.myshopify.com'))!;
    expect(first.expiresAt).toBeTruthy();
    expect(first.refreshToken).toBeTruthy();
    const info = await s.t.ctx.shopify.request<ShopInfo>('refresh-shop.myshopify.com', SHOP_INFO);
    expect(info.shop.currencyCode).toBe('EUR');
    const after = (await sessions.load('offline_refresh-shop.myshopify.com'))!;
    expect(after.accessToken).not.toBe(first.accessToken);
    expect(after.refreshToken).not.toBe(first.refreshToken);
    // the call went out with the refreshed token and Shopify accepted it
    const calls = s.sim.requestLog({ shop: 'refresh-shop.myshopify.com', operationName: 'ShopInfo' });
    expect(calls.at(-1)!.outcome).toBe('ok');
  });

  it('imports a few thousand orders through bulk operations, with progress', async () => {
    const summary = seedDemoShop(s.sim, { domain: 'history.myshopify.com', orders: 3000, days: 50 });
    const token = await s.sim.mintSessionToken('history.myshopify.com');
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain('history.myshopify.com'))!.id;
    const seen = new Set<number>();
    const done = await waitFor(
      'import completed',
      async () => {
        const [row] = await s.t.ctx.db.select().from(imports).where(eq(imports.shopId, shopId));
        if (row) seen.add(row.percent);
        return row && row.status !== 'running' ? row : null;
      },
      120_000,
    );
    expect(done).toMatchObject({ status: 'completed', percent: 100 });
    expect(done.counts.orders).toBe(summary.orders);
    expect(done.counts.skus).toBeGreaterThanOrEqual(40);
    expect(seen.size).toBeGreaterThan(1);
    const [n] = await s.t.ctx.database.query<{ n: number }>(
      sql`select count(*)::int as n from orders where shop_id = ${shopId}`,
    );
    expect(Number(n!.n)).toBe(summary.orders);
    const bulk = s.sim.requestLog({ shop: 'history.myshopify.com', operationName: 'BulkRunQuery' });
    expect(bulk).toHaveLength(2);
  }, 150_000);
});
