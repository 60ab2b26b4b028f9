import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationStatuses } from '../../drizzle/schema/index.js';
import { createOrderQueries } from '../../core/db/order-queries.js';
import { loadOverviewCounts } from '../../core/db/overview-queries.js';
import { seedOrder, seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

/** The overview's "late" count, the orders list's late filter and its per-row flag say the same. */
describe('one definition of a late order', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  it('counts, filters and flags the same orders, whatever their allocations are', async () => {
    const db = t.database.db;
    const shop = (await seedShop(db)).id;
    const other = (await seedShop(db)).id;
    const wh = await seedWarehouse(db, shop);
    const otherWh = await seedWarehouse(db, other);
    const now = new Date('2026-06-15T10:00:00Z');
    const past = new Date(now.getTime() - 3_600_000).toISOString();
    const future = new Date(now.getTime() + 3_600_000).toISOString();
    let key = 0;
    const allocate = (shopId: number, orderId: number, warehouseId: number, status: string, promise: string | null) =>
      t.database.query(sql`
        insert into allocations (shop_id, order_id, warehouse_id, status, trace, idempotency_key, attempt, promised_ship_by)
        values (${shopId}, ${orderId}, ${warehouseId}, ${status}, '{}'::jsonb, ${`late-${++key}`}, ${key}, ${promise}::timestamptz)`);
    const order = (shopId: number, hoursAgo: number) =>
      seedOrder(db, shopId, {
        placedAt: new Date(now.getTime() - hoursAgo * 3_600_000),
        lines: [{ sku: 'MUG', quantity: 1 }],
      });

    // one order per allocation status, promised an hour ago; and the same, promised in an hour
    let h = 1;
    for (const status of allocationStatuses) {
      await allocate(shop, await order(shop, h++), wh.id, status, past);
      await allocate(shop, await order(shop, h++), wh.id, status, future);
    }
    // two late allocations of one order (a split): one late order
    const split = await order(shop, h++);
    await allocate(shop, split, wh.id, 'acknowledged', past);
    await allocate(shop, split, wh.id, 'ready', past);
    // no promise at all; and another shop's late order
    await allocate(shop, await order(shop, h), wh.id, 'ready', null);
    await allocate(other, await order(other, 1), otherWh.id, 'ready', past);

    const queries = createOrderQueries(db);
    const everyPage = async (late: boolean) => {
      const out: { id: number; late: boolean }[] = [];
      let cursor: string | undefined;
      do {
        const page = await queries.list(shop, late ? { late: true } : {}, { cursor, limit: 7 }, now);
        out.push(...page.items.map((o) => ({ id: o.id, late: o.late })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const filtered = await everyPage(true);
    const flagged = (await everyPage(false)).filter((o) => o.late);
    const counted = (await loadOverviewCounts(t.database, shop, now, 'Europe/Paris')).late;

    expect(filtered.map((o) => o.id).sort()).toEqual(flagged.map((o) => o.id).sort());
    expect(filtered.every((o) => o.late)).toBe(true);
    expect(counted).toBe(filtered.length);
    // what the one definition says: owed to ship (reserved, ready, leased, acknowledged, partially
    // shipped) past its promise, counted once per order
    expect(counted).toBe(5 + 1);
    const statuses = await t.database.query<{ status: string }>(sql`
      select distinct a.status from allocations a where a.order_id in (${sql.join(
        filtered.map((o) => sql`${o.id}`),
        sql`, `,
      )})`);
    expect(statuses.map((r) => r.status).sort()).toEqual(
      ['acknowledged', 'leased', 'partially_shipped', 'ready', 'reserved'].sort(),
    );
  });
});
