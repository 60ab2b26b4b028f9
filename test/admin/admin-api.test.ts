import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { seedOrder } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('admin API: authentication and tenant isolation', () => {
  let s: SimApp;
  let tokenA: string;
  let tokenB: string;
  let orderA: number;
  beforeAll(async () => {
    s = await startSimApp();
    tokenA = await simShop(s.sim, 'shop-a.myshopify.com');
    tokenB = await simShop(s.sim, 'shop-b.myshopify.com');
    // first calls install both shops through token exchange
    for (const tok of [tokenA, tokenB])
      expect(
        (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tok}` } })).statusCode,
      ).toBe(200);
    const shopA = (await createShopsRepo(s.t.ctx.db).byDomain('shop-a.myshopify.com'))!;
    orderA = await seedOrder(s.t.ctx.db, shopA.id, { lines: [{ sku: 'A-1', quantity: 1 }] });
  });
  afterAll(async () => s.close());

  const get = (tok: string, url: string) => s.app.inject({ url, headers: { authorization: `Bearer ${tok}` } });

  it('401s without a valid session token, with the App Bridge retry header', async () => {
    const res = await s.app.inject('/api/admin/orders');
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-shopify-retry-invalid-session-request']).toBe('1');
    expect((await get('garbage', '/api/admin/orders')).statusCode).toBe(401);
  });

  it('stores the exchanged offline token encrypted', async () => {
    const rows = await s.t.ctx.database.query<{ access_token_enc: string }>(
      (await import('drizzle-orm')).sql`select access_token_enc from sessions`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.access_token_enc).toMatch(/^v1\./);
  });

  it("never shows shop A's orders to shop B", async () => {
    const listA = await get(tokenA, '/api/admin/orders');
    expect(listA.statusCode).toBe(200);
    expect(listA.json().items.map((o: { id: number }) => o.id)).toEqual([orderA]);
    const listB = await get(tokenB, '/api/admin/orders');
    expect(listB.json().items).toEqual([]);
    expect((await get(tokenB, `/api/admin/orders/${orderA}`)).statusCode).toBe(404);
    const act = await s.app.inject({
      method: 'POST',
      url: `/api/admin/orders/${orderA}/hold`,
      headers: { authorization: `Bearer ${tokenB}` },
      payload: { reason: 'x' },
    });
    expect(act.statusCode).toBe(404);
    expect((await get(tokenA, `/api/admin/orders/${orderA}`)).json().order.name).toMatch(/^#/);
  });

  it('serves the overview counts of the shop', async () => {
    const res = await get(tokenA, '/api/admin/overview');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      waitingToRoute: 1,
      backordered: 0,
      late: 0,
      deadLetters: 0,
      handoverWeek: { orders: 0 },
    });
    expect((await get(tokenB, '/api/admin/overview')).json().waitingToRoute).toBe(0);
  });

  it("filters by what the overview counts, and lists the shop's channels", async () => {
    expect((await get(tokenA, '/api/admin/orders?awaitingAck=true')).json().items).toEqual([]);
    expect(
      (await get(tokenA, `/api/admin/orders?shippedOn=${new Date().toISOString().slice(0, 10)}`)).json().items,
    ).toEqual([]);
    expect((await get(tokenA, '/api/admin/channels')).json().items).toEqual([{ channel: 'shopify', orders: 1 }]);
    expect((await get(tokenB, '/api/admin/channels')).json().items).toEqual([]);
  });

  it('shows new settings at once', async () => {
    const res = await s.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings',
      headers: { authorization: `Bearer ${tokenA}` },
      payload: { language: 'fr' },
    });
    expect(res.json().settings.language).toBe('fr');
    expect((await get(tokenA, '/api/admin/shop')).json().settings.language).toBe('fr');
  });

  it('rejects bad filters with a 400 in the documented shape', async () => {
    const res = await get(tokenA, '/api/admin/orders?status=nope&limit=9999');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });
});
