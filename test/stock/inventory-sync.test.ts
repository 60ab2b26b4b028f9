import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createStockRepo } from '../../core/db/stock-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { createCatalogRepo } from '../../core/db/catalog-repo.js';
import { enqueueStockJobs } from '../../core/queue/producers.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';
import { sql } from 'drizzle-orm';

const SHOP = 'stock-burst.myshopify.com';

describe('a burst of stock changes reaches Shopify in a few calls, within the budget, with the right numbers', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['reconcile', 'inventory-sync']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  it('10,000 changes over 100 SKUs', async () => {
    const skus = Array.from({ length: 100 }, (_, i) => ({ sku: `SKU-${String(i).padStart(3, '0')}` }));
    const token = await simShop(s.sim, SHOP, skus);
    const loc = s.sim.control.createLocation(SHOP, {
      name: 'Main',
      address: { address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
    for (const { sku } of skus) s.sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: 0 });
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    await waitFor(
      'import',
      async () => (await createSyncRepo(s.t.ctx.db).latestImport(shopId))?.status === 'completed',
    );
    const wh = await seedWarehouse(s.t.ctx.db, shopId, { locationExternalId: loc.gid });
    const skuIds = await Promise.all(
      skus.map(async ({ sku }) => (await createCatalogRepo(s.t.ctx.db).skuBySku(shopId, sku))!.id),
    );
    s.sim.resetLogs();

    // Shopify's number changes behind our back (no ingest runs here, so our mirror of it is stale):
    // the first push must be refused as stale, re-read and retried, not applied blindly
    s.sim.control.setStock(SHOP, { sku: 'SKU-000', locationId: loc.id, available: 999 });

    // 10,000 receipts and adjustments in 100 transactions, each waking the sync as the app does
    const expected = new Map<number, number>();
    let n = 0;
    for (let batch = 0; batch < 100; batch++) {
      await s.t.ctx.db.transaction(async (tx) => {
        const repo = createStockRepo(tx);
        for (let i = 0; i < 100; i++) {
          const skuId = skuIds[(batch * 7 + i) % 100]!;
          const delta = n % 5 === 4 ? -1 : 2;
          const current = expected.get(skuId) ?? 0;
          const applied = current + delta < 0 ? 2 : delta;
          await repo.applyMovement(shopId, {
            warehouseId: wh.id,
            skuId,
            delta: applied,
            reason: applied > 0 ? 'received' : 'adjusted',
            reference: `burst-${n}`,
          });
          expected.set(skuId, current + applied);
          n++;
        }
      });
      await enqueueStockJobs(s.t.ctx.queues, shopId);
    }
    expect(n).toBe(10_000);

    await waitFor(
      'every change pushed',
      async () => {
        const [d] = await s.t.ctx.database.query<{ n: number }>(
          sql`select count(*)::int as n from stock_dirty where purpose = 'sync'`,
        );
        if (Number(d!.n) > 0) return false;
        const levels = s.sim.control.inventory(SHOP, { locationId: loc.id });
        return skus.every(({ sku }, i) => levels.find((l) => l.sku === sku)?.available === expected.get(skuIds[i]!));
      },
      60_000,
    );

    const calls = s.sim.requestLog({ shop: SHOP }).filter((r) => r.operationName === 'InventorySetQuantities');
    expect(s.sim.requestLog({ shop: SHOP, operationName: 'InventoryLevels' }).length).toBeGreaterThan(0);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(40);
    // never throttled: the pushes stayed within the GraphQL budget
    expect(s.sim.requestLog({ shop: SHOP }).filter((r) => r.outcome === 'throttled')).toEqual([]);
  }, 120_000);
});
