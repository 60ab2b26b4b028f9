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

  it('a run taking the marks waits for a change still in flight on a SKU already marked, so it never reads the stock before it', async () => {
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

    const order: string[] = [];
    const run = (async () => {
      const taken = await createStockRepo(t.ctx.db).takeDirty(shop.id, 'sync');
      order.push('taken');
      const [level] = await createStockRepo(t.ctx.db).levelsAt(shop.id, wh.id, [sku]);
      return { taken, onHand: level!.onHand };
    })();
    await new Promise((r) => setTimeout(r, 300));
    order.push('committed');
    commit();
    await change;
    const seen = await run;

    expect(order).toEqual(['committed', 'taken']);
    expect(seen.taken.map((x) => x.skuId)).toEqual([sku]);
    expect(seen.onHand).toBe(6);
  });
});
