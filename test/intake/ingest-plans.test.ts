import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxRepo } from '../../core/db/inbox-repo.js';
import { lockOrders } from '../../core/db/locks.js';
import { createOrderUpsert } from '../../core/db/order-upsert.js';
import { rowsOf } from '../../core/db/rows-of.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { expectGenericPlanKept, preparedPlans, type PreparedPlans } from '../helpers/prepared-plans.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/**
 * Every ingest batch reads its inbox rows, claims them and reads what is held of its orders, with a
 * list of a few ids each time. Postgres keeps one plan per connection for a prepared statement only
 * when its generic plan is no dearer than a custom one; these were planned again on every call
 * (issue #16, seen with pg_stat_statements), a fifth of a millisecond or more each. One connection,
 * so what it prepared is what the test reads.
 */
describe('ingest batch plans', () => {
  let t: TestContext;
  let shopId: number;
  const pendingIds: number[] = [];

  beforeAll(async () => {
    t = await createTestContext({ DB_POOL_SIZE: '1' });
    shopId = (await createShopsRepo(t.ctx.db).activate('plans-shop.myshopify.com')).id;
    // a shop's history, as in production: most events long processed, most orders long shipped
    await t.ctx.db.execute(sql`
      insert into inbox_events (source, event_id, shop_domain, topic, body, status)
      select 'shopify', 'old-' || g, 'plans-shop.myshopify.com', 'orders/create', '{}', 'processed'
      from generate_series(1, 5000) g`);
    await t.ctx.db.execute(sql`
      insert into orders (shop_id, external_id, name, status, placed_at, source_updated_at)
      select ${shopId}, 'gid://shopify/Order/' || g, '#' || g, 'shipped', now(), now()
      from generate_series(1, 5000) g`);
    const fresh = await createInboxRepo(t.ctx.db).insertMany(
      Array.from({ length: 48 }, (_, i) => ({
        source: 'shopify',
        eventId: `new-${i}`,
        shopDomain: 'plans-shop.myshopify.com',
        topic: 'orders/create',
        body: '{}',
      })),
    );
    pendingIds.push(...fresh.map((f) => f.id));
    await t.ctx.db.execute(sql`analyze inbox_events`);
    await t.ctx.db.execute(sql`analyze orders`);
  });
  afterAll(async () => {
    await t.close();
  });

  const plansOf = (like: string) => preparedPlans(t.ctx.db, like);

  /** One text, and its generic plan kept. */
  function expectPlannedOnce(prepared: PreparedPlans[]) {
    expect(prepared).toHaveLength(1);
    expectGenericPlanKept(prepared[0]!);
  }

  it('reads and claims a batch of inbox rows with one plan for any batch', async () => {
    const inbox = createInboxRepo(t.ctx.db);
    // batches of one to four events, as a flash sale's ingest producer gathers them
    for (let i = 0; i < 12; i++) {
      const batch = pendingIds.slice(i * 4, i * 4 + 1 + (i % 4));
      expect(await inbox.getPending(batch)).toHaveLength(batch.length);
      expect(await inbox.claimProcessed(batch, shopId)).toHaveLength(batch.length);
    }
    expectPlannedOnce(await plansOf('select %from "inbox_events"%'));
    expectPlannedOnce(await plansOf('update "inbox_events"%'));
  });

  it('reads what is held of a batch of orders with one plan for any batch', async () => {
    const upsert = createOrderUpsert(t.ctx.db);
    for (let i = 0; i < 12; i++) {
      const refs = Array.from({ length: 1 + (i % 4) }, (_, k) => `gid://shopify/Order/${i * 10 + k + 1}`);
      expect((await upsert.heldVersions(shopId, 'shopify', refs)).size).toBe(refs.length);
    }
    expectPlannedOnce(await plansOf('%"source_updated_at", "source_observed_at"%from "orders"%'));
  });

  it("locks a batch's orders, one to four, with one statement", async () => {
    for (let i = 0; i < 12; i++) {
      const refs = Array.from({ length: 1 + (i % 4) }, (_, k) => `gid://shopify/Order/${k + 1}`);
      const held = await t.ctx.db.transaction(async (tx) => {
        await lockOrders(tx, shopId, refs);
        return rowsOf<{ objid: string }>(
          await tx.execute(sql`
            select objid::text from pg_locks
            where locktype = 'advisory' and pid = pg_backend_pid() order by objid`),
        );
      });
      expect(held).toHaveLength(refs.length);
    }
    expectPlannedOnce(await plansOf('%pg_advisory_xact_lock%'));
  });
});
