import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createStockRepo } from '../../core/db/stock-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { createCatalogRepo } from '../../core/db/catalog-repo.js';
import { syncInventory } from '../../core/use-cases/sync-inventory.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'stock-sync-fails.myshopify.com';

describe('a stock push Shopify refuses', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['reconcile']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  it('leaves the changed SKUs waiting for the next run, for the retry or the sweeper', async () => {
    const token = await simShop(s.sim, SHOP, [{ sku: 'FAIL-A' }, { sku: 'FAIL-B' }]);
    const loc = s.sim.control.createLocation(SHOP, {
      name: 'Main',
      address: { address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
    for (const sku of ['FAIL-A', 'FAIL-B']) s.sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: 0 });
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    await waitFor(
      'import',
      async () => (await createSyncRepo(s.t.ctx.db).latestImport(shopId))?.status === 'completed',
    );
    const wh = await seedWarehouse(s.t.ctx.db, shopId, { locationExternalId: loc.gid });
    const skuA = (await createCatalogRepo(s.t.ctx.db).skuBySku(shopId, 'FAIL-A'))!.id;
    await createStockRepo(s.t.ctx.db).applyMovement(shopId, {
      warehouseId: wh.id,
      skuId: skuA,
      delta: 7,
      reason: 'received',
      reference: 'fail-1',
    });
    const dirty = async () =>
      (
        await s.t.ctx.database.query<{ sku_id: number }>(
          sql`select sku_id from stock_dirty where shop_id = ${shopId} and purpose = 'sync'`,
        )
      ).map((r) => Number(r.sku_id));
    expect(await dirty()).toEqual([skuA]);

    // the location goes away at Shopify: the push is refused, and the change must not be lost with the run
    s.sim.control.deleteLocation(SHOP, loc.id);
    await expect(
      syncInventory({ db: s.t.ctx.db, shopify: s.t.ctx.shopify, log: s.t.ctx.log }, { shopId }),
    ).rejects.toThrow(/inventorySetQuantities/);
    expect(await dirty()).toEqual([skuA]);
  });
});
