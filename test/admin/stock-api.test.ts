import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { receive, seedOrder, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('admin API: stock, SKU, alerts and purchase orders', () => {
  let s: SimApp;
  let token: string;
  let other: string;
  let skuId: number;
  let warehouseId: number;
  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, 'stock-a.myshopify.com');
    other = await simShop(s.sim, 'stock-b.myshopify.com');
    for (const tok of [token, other])
      await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tok}` } });
    const shop = (await createShopsRepo(s.t.ctx.db).byDomain('stock-a.myshopify.com'))!;
    const wh = await seedWarehouse(s.t.ctx.db, shop.id, { name: 'Paris' });
    warehouseId = wh.id;
    skuId = await seedSku(s.t.ctx.db, shop.id, 'THE-VERT', '9.00');
    await receive(s.t.ctx.db, shop.id, wh.id, skuId, 5);
    for (let i = 0; i < 20; i++)
      await seedOrder(s.t.ctx.db, shop.id, {
        lines: [{ sku: 'THE-VERT', quantity: 2, price: '9.00' }],
        placedAt: new Date(Date.now() - i * 86_400_000),
      });
    await recomputeReplenishment({ database: s.t.ctx.database, log: s.t.ctx.log }, { shopId: shop.id, full: true });
  });
  afterAll(async () => s.close());
  const get = (url: string, tok = token) =>
    s.app.inject({ url: `/api/admin${url}`, headers: { authorization: `Bearer ${tok}` } });

  it('lists stock with replenishment numbers, only for the shop asking, in the compact shape the table reads', async () => {
    const res = await get('/stock');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toEqual([
      {
        id: skuId,
        sku: 'THE-VERT',
        title: 'THE-VERT',
        abcClass: 'A',
        levels: [[warehouseId, 5, 0]],
        meanDaily: expect.any(Number),
        daysOfCover: expect.any(Number),
        projectedStockout: expect.any(String),
        reorderPoint: expect.any(Number),
        alerts: expect.arrayContaining(['below_reorder_point']),
        // sellable per channel, in the order of the answer's `channels`: Shopify only, and no
        // Shopify location is linked to this warehouse, so nothing is offered there
        channels: [0],
      },
    ]);
    expect(res.json().channels).toEqual([expect.objectContaining({ kind: 'shopify' })]);
    // decimals cut to 3 places: a row is a couple of hundred bytes, not the ~650 of the full shape
    for (const n of [items[0].meanDaily, items[0].daysOfCover, items[0].reorderPoint])
      expect(Math.round(n * 1000) / 1000).toBe(n);
    expect(JSON.stringify(items[0]).length).toBeLessThan(260);
    expect((await get('/stock', other)).json().items).toEqual([]);
    expect((await get(`/skus/${skuId}`, other)).statusCode).toBe(404);
  });

  it('shows the SKU page with demand history and ledger', async () => {
    const res = await get(`/skus/${skuId}?days=30`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.demand.length).toBeGreaterThan(10);
    expect(body.ledger).toEqual([expect.objectContaining({ delta: 5, reason: 'received', warehouse: 'Paris' })]);
    expect(body.replenishment.reorderPoint).toBeGreaterThan(0);
  });

  it('groups alerts by kind and suggests a purchase order, also as CSV', async () => {
    const alerts = (await get('/alerts')).json();
    const below = alerts.groups.find((g: { kind: string }) => g.kind === 'below_reorder_point');
    expect(below.items[0]).toMatchObject({ sku: 'THE-VERT', formula: expect.stringContaining('ROP = SS + d·L') });
    const po = (await get('/purchase-orders')).json();
    expect(po.orders[0].lines[0]).toMatchObject({ sku: 'THE-VERT', skuId });
    expect((await get('/overview')).json().stockAlerts.open).toBeGreaterThan(0);
    expect((await get('/suppliers')).json().items).toEqual([{ supplier: 'Fournisseur', skus: 1 }]);
    const csv = await get('/purchase-orders.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[1]).toContain('THE-VERT');
    const stockCsv = await get('/stock.csv');
    expect(stockCsv.body.split('\n')[0]).toContain('sku,title,supplier,warehouse');
  });

  it('wakes a snoozed alert when its snooze ends', async () => {
    const alerts = (await get('/alerts')).json();
    const id = alerts.groups.flatMap((g: { items: { id: number }[] }) => g.items)[0].id;
    const snooze = await s.app.inject({
      method: 'POST',
      url: `/api/admin/alerts/${id}/snooze`,
      headers: { authorization: `Bearer ${token}` },
      payload: { days: 1 },
    });
    expect(snooze.json().status).toBe('snoozed');
    const { sql } = await import('drizzle-orm');
    await s.t.ctx.database.query(
      sql`update stock_alerts set snoozed_until = now() - interval '1 minute' where id = ${id}`,
    );
    const shop = (await createShopsRepo(s.t.ctx.db).byDomain('stock-a.myshopify.com'))!;
    await recomputeReplenishment({ database: s.t.ctx.database, log: s.t.ctx.log }, { shopId: shop.id, full: true });
    const open = (await get('/alerts'))
      .json()
      .groups.flatMap((g: { items: { id: number }[] }) => g.items)
      .map((a: { id: number }) => a.id);
    expect(open).toContain(id);
  });

  it('validates the replenishment settings', async () => {
    const bad = await s.app.inject({
      method: 'PUT',
      url: '/api/admin/stock-settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { serviceLevel: 2 },
    });
    expect(bad.statusCode).toBe(400);
    const current = (await get('/stock-settings')).json().settings;
    const ok = await s.app.inject({
      method: 'PUT',
      url: '/api/admin/stock-settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...current, serviceLevel: 0.99 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().settings.serviceLevel).toBe(0.99);
  });
});
