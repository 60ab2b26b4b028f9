import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStockRepo } from '../../core/db/stock-repo.js';
import { receive, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('marks of stock changes for the channel sync', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('a run leaves the mark of a change still in flight, so the run that takes it reads the stock after it', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const sku = await seedSku(t.ctx.db, shop.id, 'MARKED');
    await receive(t.ctx.db, shop.id, wh.id, sku, 1);

    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let marked!: () => void;
    const inFlight = new Promise<void>((r) => (marked = r));
    const change = t.ctx.db.transaction(async (tx) => {
      await createStockRepo(tx).applyMovement(shop.id, {
        warehouseId: wh.id,
        skuId: sku,
        delta: 5,
        reason: 'received',
        reference: 'in-flight',
      });
      marked();
      await held;
    });
    await inFlight;

    // the mark is locked by the open change: this run neither waits for it nor takes it
    const early = await createStockRepo(t.ctx.db).takeDirty(shop.id, 'sync');
    expect(early).toEqual([]);
    commit();
    await change;

    const taken = await createStockRepo(t.ctx.db).takeDirty(shop.id, 'sync');
    expect(taken.map((x) => x.skuId)).toEqual([sku]);
    const [level] = await createStockRepo(t.ctx.db).levelsAt(shop.id, wh.id, [sku]);
    expect(level!.onHand).toBe(6);
  });
});
