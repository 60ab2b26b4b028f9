import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { reconcileCatalog } from '../../core/use-cases/reconcile-catalog.js';
import { scheduleReconciliation } from '../../core/use-cases/schedule-reconciliation.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'catalogue-vivant.myshopify.com';

/** Defect 8 of #15: products and SKUs created or changed after install reach the catalogue without an order naming them. */
describe('the catalogue after install', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  let shopId: number;
  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest']);
    const token = await simShop(s.sim, SHOP);
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  const skuRow = async (code: string) =>
    (
      await s.t.ctx.db
        .select()
        .from(skus)
        .where(and(eq(skus.shopId, shopId), eq(skus.sku, code)))
    )[0];

  it('follows product and inventory-item webhooks: created, repriced, costed, deleted', async () => {
    s.sim.control.addProducts(SHOP, [
      { title: 'Assiette creuse', vendor: 'Faïencerie de Gien', variants: [{ sku: 'ASSIETTE-C', price: '15.00' }] },
    ]);
    const created = await waitFor('product ingested', () => skuRow('ASSIETTE-C'));
    expect(created).toMatchObject({ title: 'Assiette creuse', price: '15.00', supplier: 'Faïencerie de Gien' });
    expect(created.variantExternalId).toMatch(/^gid:\/\/shopify\/ProductVariant\//);
    expect(created.inventoryItemExternalId).toMatch(/^gid:\/\/shopify\/InventoryItem\//);

    s.sim.control.updateVariant(SHOP, 'ASSIETTE-C', { price: '17.50', unitCost: '6.20' });
    await waitFor('price and cost updated', async () => {
      const r = await skuRow('ASSIETTE-C');
      return r?.price === '17.50' && r.unitCost === '6.20' ? r : null;
    });

    s.sim.control.deleteProduct(SHOP, 'ASSIETTE-C');
    const detached = await waitFor('product deleted', async () => {
      const r = await skuRow('ASSIETTE-C');
      return r && r.variantExternalId === null ? r : null;
    });
    // the SKU keeps its row (and any stock history), no longer pointing at Shopify
    expect({ product: detached.productExternalId, item: detached.inventoryItemExternalId }).toEqual({
      product: null,
      item: null,
    });
  });

  it('keeps a newer version when an older product webhook arrives late', async () => {
    s.sim.control.addProducts(SHOP, [{ title: 'Bol', variants: [{ sku: 'BOL-LATE', price: '9.00' }] }]);
    const row = await waitFor('product ingested', () => skuRow('BOL-LATE'));
    const [product] = s.sim.control.listProducts(SHOP).filter((p) => p.title === 'Bol');
    const variant = row.variantExternalId!.split('/').pop();
    const stale = {
      id: Number(product!.id),
      title: 'Bol (ancien)',
      vendor: null,
      updated_at: new Date(Date.now() - 86_400_000).toISOString(),
      variants: [{ id: Number(variant), sku: 'BOL-LATE', price: '1.00', title: 'Default Title', inventory_item_id: 1 }],
    };
    const { ingestProduct } = await import('../../core/use-cases/ingest/catalog.js');
    const shop = (await createShopsRepo(s.t.ctx.db).byId(shopId))!;
    await s.t.ctx.db.transaction((tx) =>
      ingestProduct(tx, shop, stale, { topic: 'products/update' } as never, {
        email: { appUrl: undefined, appCanSend: false },
      }),
    );
    expect(await skuRow('BOL-LATE')).toMatchObject({ title: 'Bol', price: '9.00' });
  });

  it('finds, once a day, what the webhooks missed', async () => {
    s.sim.control.addProducts(SHOP, [
      { title: 'Tasse', variants: [{ sku: 'TASSE-R', price: '8.00', unitCost: '2.00' }] },
    ]);
    await waitFor('product ingested', () => skuRow('TASSE-R'));
    // drift: a lost products/update, and a SKU whose webhooks never came
    await s.t.ctx.db
      .update(skus)
      .set({ price: '1.00', sourceUpdatedAt: new Date(0) })
      .where(and(eq(skus.shopId, shopId), eq(skus.sku, 'TASSE-R')));
    await s.t.ctx.db.delete(skus).where(and(eq(skus.shopId, shopId), eq(skus.sku, 'BOL-LATE')));
    const run = await reconcileCatalog({ db: s.t.ctx.db, shopify: s.t.ctx.shopify, log: s.t.ctx.log }, { shopId });
    expect(run).toMatchObject({ repaired: 2 });
    expect(await skuRow('TASSE-R')).toMatchObject({ price: '8.00', unitCost: '2.00' });
    expect(await skuRow('BOL-LATE')).toMatchObject({ price: '9.00' });
    // and it is scheduled daily, in the shop's night
    await scheduleReconciliation({ db: s.t.ctx.db, queues: s.t.ctx.queues }, { everyMs: 600_000 });
    const daily = (await s.t.ctx.queues.queue('reconcile').getJobSchedulers()).find(
      (j) => j.key === `reconcile-catalog-${shopId}`,
    );
    expect(daily).toMatchObject({
      pattern: '15 4 * * *',
      tz: (await createShopsRepo(s.t.ctx.db).byId(shopId))!.timezone,
    });
  });
});
