import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('replenishment recomputed twice at once for one shop', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('runs one after the other instead of inserting the same days of demand twice', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    await receive(t.ctx.db, shop.id, wh.id, await seedSku(t.ctx.db, shop.id, 'THE-VERT'), 100);
    for (let i = 0; i < 5; i++) await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'THE-VERT', quantity: 1 + i }] });
    const deps = { database: t.ctx.database, log: t.ctx.log };
    const runs = await Promise.allSettled(
      Array.from({ length: 6 }, () => recomputeReplenishment(deps, { shopId: shop.id, full: true })),
    );
    expect(runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(
      [],
    );
  });
});
