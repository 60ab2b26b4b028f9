import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedRepo } from '../../core/db/feed-repo.js';
import { seedOrder } from '../helpers/fixtures.js';
import { expectGenericPlanKept, preparedPlans } from '../helpers/prepared-plans.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { seedFeedWarehouse } from './feed-setup.js';

/**
 * A 3PL robot polls the feed's listing several times a second. Postgres plans a prepared statement
 * once per connection only when its generic plan is no dearer than a custom one; with the statuses
 * sent as parameters the generic plan could not see how few allocations are ready, so every poll
 * was planned again (issue #16). One connection, so what it prepared is what the test reads.
 */
describe('feed listing plans', () => {
  let t: TestContext;
  let world: Awaited<ReturnType<typeof seedFeedWarehouse>>;

  beforeAll(async () => {
    t = await createTestContext({ DB_POOL_SIZE: '1' });
    world = await seedFeedWarehouse(t);
    await world.newAllocation();
    await world.newAllocation();
    // a warehouse's history, as in production: most of its allocations long shipped
    const orderId = await seedOrder(t.ctx.db, world.shop.id, { lines: [{ sku: 'BONNET-GRIS', quantity: 1 }] });
    await t.ctx.db.execute(sql`
      insert into allocations (shop_id, order_id, warehouse_id, status, attempt, trace, idempotency_key)
      select ${world.shop.id}, ${orderId}, ${world.warehouse.id}, 'shipped', g, '{}'::jsonb, 'history-' || g
      from generate_series(2, 5001) g`);
    await t.ctx.db.execute(sql`analyze allocations`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('plans the takeable and by-status listings once, then reuses the plan', async () => {
    const repo = createFeedRepo(t.ctx.db);
    const shopId = world.shop.id;
    const warehouseId = world.warehouse.id;
    for (let i = 0; i < 12; i++) {
      expect(await repo.list(shopId, warehouseId, { statuses: 'takeable', now: new Date(), limit: 50 })).toHaveLength(
        2,
      );
      expect(await repo.list(shopId, warehouseId, { statuses: ['ready'], limit: 50 })).toHaveLength(2);
    }
    const prepared = await preparedPlans(
      t.ctx.db,
      '%from "allocations" inner join "orders"%order by "allocations"."id"%',
    );
    expect(prepared).toHaveLength(2);
    // the first five executions are always custom; after that the generic plan is kept
    for (const p of prepared) expectGenericPlanKept(p);
  });
});
