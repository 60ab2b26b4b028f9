import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStockRepo } from '../../db/stock-repo.js';
import { receive, seedShop, seedSku, seedWarehouse } from '../../../test/helpers/fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { stockAccuracy } from './stock-accuracy.js';

describe('stockAccuracy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it("counts each warehouse's own snapshot corrections against what it holds, and only the shop's", async () => {
    const shop = await seedShop(t.ctx.db);
    const lille = await seedWarehouse(t.ctx.db, shop.id, { name: 'Lille', priority: 1 });
    const paris = await seedWarehouse(t.ctx.db, shop.id, { name: 'Paris', priority: 2 });
    const empty = await seedWarehouse(t.ctx.db, shop.id, { name: 'Vide', priority: 3 });
    const sku = await seedSku(t.ctx.db, shop.id, 'PULL-L');
    await receive(t.ctx.db, shop.id, lille.id, sku, 100);
    await receive(t.ctx.db, shop.id, paris.id, sku, 40);
    await createStockRepo(t.ctx.db).applyMovement(shop.id, {
      warehouseId: lille.id,
      skuId: sku,
      delta: -10,
      reason: 'snapshot_correction',
      reference: 'snapshot:1',
    });
    const other = await seedShop(t.ctx.db);
    const otherWh = await seedWarehouse(t.ctx.db, other.id, { name: 'Ailleurs' });
    await receive(t.ctx.db, other.id, otherWh.id, await seedSku(t.ctx.db, other.id, 'PULL-L'), 5);

    const rows = await stockAccuracy({ db: t.ctx.db }, { shopId: shop.id, now: new Date() });
    expect(rows.map((r) => r.name)).toEqual(['Lille', 'Paris', 'Vide']);
    expect(rows[0]).toMatchObject({ id: lille.id, correctedUnits: 10, onHand: 90 });
    expect(rows[0]!.accuracy).toBeCloseTo(0.9, 6);
    expect(rows[1]).toMatchObject({ id: paris.id, correctedUnits: 0, onHand: 40, accuracy: 1 });
    expect(rows[2]).toMatchObject({ id: empty.id, correctedUnits: 0, onHand: 0, accuracy: null });
    // a correction older than the window no longer counts
    const later = await stockAccuracy(
      { db: t.ctx.db },
      { shopId: shop.id, now: new Date(Date.now() + 31 * 86_400_000) },
    );
    expect(later[0]).toMatchObject({ correctedUnits: 0, accuracy: 1 });
  });
});
