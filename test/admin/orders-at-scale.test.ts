import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderQueries } from '../../core/db/order-queries.js';
import { loadOverviewCounts } from '../../core/db/overview-queries.js';
import { defaultRules } from '../../core/domain/routing/index.js';
import { simulateRules } from '../../core/use-cases/admin/simulate-rules.js';
import { seedOrder, seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

/** The admin's list, search and overview shapes that hold at a million orders, checked for what they answer. */
describe('admin orders at scale: keyset cursor, search, overview counts', () => {
  let t: TestDatabase;
  let shopA: number;
  let shopB: number;
  const now = new Date('2026-06-15T10:00:00Z');
  const tie = new Date('2026-06-10T08:00:00Z');
  const ids: number[] = [];
  beforeAll(async () => {
    t = await createTestDatabase();
    shopA = (await seedShop(t.database.db)).id;
    shopB = (await seedShop(t.database.db)).id;
    // seven orders share one instant between older and newer ones: the cursor must neither skip nor repeat
    for (let i = 0; i < 12; i++) {
      const placedAt = i >= 3 && i < 10 ? tie : new Date(tie.getTime() + (i - 6) * 3_600_000);
      ids.push(
        await seedOrder(t.database.db, shopA, {
          id: 5000 + i,
          placedAt,
          lines: [{ sku: i % 4 === 0 ? 'HOT-1' : `SKU-${i}`, quantity: 1 }],
        }),
      );
    }
    await seedOrder(t.database.db, shopB, { id: 91234, placedAt: tie, lines: [{ sku: 'HOT-1', quantity: 1 }] });
  });
  afterAll(async () => t.drop());

  const all = async (f: Parameters<ReturnType<typeof createOrderQueries>['list']>[1], limit: number) => {
    const out: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await createOrderQueries(t.database.db).list(shopA, f, { cursor, limit }, now);
      out.push(...page.items.map((o) => o.id));
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
    throw new Error('pagination did not end');
  };

  it('pages through ties on placed_at without skipping or repeating an order', async () => {
    const expected = (
      await t.database.query<{ id: number }>(
        sql`select id from orders where shop_id = ${shopA} order by placed_at desc, id desc`,
      )
    ).map((r) => Number(r.id));
    expect(expected).toHaveLength(12);
    for (const limit of [1, 2, 3, 5]) expect(await all({}, limit)).toEqual(expected);
  });

  it('searches names by substring and SKUs exactly, within the shop, and pages the results', async () => {
    const byName = await createOrderQueries(t.database.db).list(shopA, { q: '500' }, { limit: 50 }, now);
    expect(byName.items.map((o) => o.name).sort()).toEqual([
      '#5000',
      '#5001',
      '#5002',
      '#5003',
      '#5004',
      '#5005',
      '#5006',
      '#5007',
      '#5008',
      '#5009',
    ]);
    const bySku = await all({ q: 'HOT-1' }, 1);
    expect(bySku.sort()).toEqual([ids[0], ids[4], ids[8]].sort());
    // shop B has an order of the same SKU, and a name containing "1234": neither shows in shop A
    expect((await createOrderQueries(t.database.db).list(shopA, { q: '1234' }, { limit: 50 }, now)).items).toEqual([]);
    expect(
      (await createOrderQueries(t.database.db).list(shopB, { q: 'HOT-1' }, { limit: 50 }, now)).items.map(
        (o) => o.name,
      ),
    ).toEqual(['#91234']);
    // a name match and a SKU match together, newest first, with filters applied to both
    const both = await createOrderQueries(t.database.db).list(
      shopA,
      { q: '5011', statuses: ['pending'] },
      { limit: 50 },
      now,
    );
    expect(both.items.map((o) => o.name)).toEqual(['#5011']);
    expect(
      (await createOrderQueries(t.database.db).list(shopA, { q: 'HOT-1', statuses: ['on_hold'] }, { limit: 50 }, now))
        .items,
    ).toEqual([]);
    // LIKE wildcards in the query are literal text, not patterns
    expect((await createOrderQueries(t.database.db).list(shopA, { q: '%' }, { limit: 50 }, now)).items).toHaveLength(
      12,
    );
  });

  it('keeps the overview counts right as orders move through their states', async () => {
    const db = t.database.db;
    const counts = () => loadOverviewCounts(t.database, shopA, now, 'Europe/Paris');
    expect(await counts()).toMatchObject({
      waitingToRoute: 12,
      onHold: 0,
      backordered: 0,
      awaitingAcknowledgement: 0,
      late: 0,
      shippedToday: 0,
    });
    const wh = await seedWarehouse(db, shopA);
    const [o1, o2, o3] = ids as [number, number, number];
    await t.database.query(sql`update orders set status = 'on_hold' where id = ${o1}`);
    await t.database.query(sql`update orders set status = 'backordered' where id = ${o2}`);
    // o3 routed: one allocation, promised yesterday and not yet acknowledged: awaiting and late
    await t.database.query(sql`update orders set status = 'routed' where id = ${o3}`);
    const [alloc] = await t.database.query<{
      id: number;
    }>(sql`insert into allocations (shop_id, order_id, warehouse_id, status, trace, idempotency_key, promised_ship_by)
      values (${shopA}, ${o3}, ${wh.id}, 'ready', '{}'::jsonb, 'scale-test-1', ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz) returning id`);
    expect(await counts()).toMatchObject({
      waitingToRoute: 9,
      onHold: 1,
      backordered: 1,
      awaitingAcknowledgement: 1,
      late: 1,
      shippedToday: 0,
    });
    const list = createOrderQueries(db);
    expect((await list.list(shopA, { late: true }, { limit: 50 }, now)).items.map((o) => o.id)).toEqual([o3]);
    expect((await list.list(shopA, { awaitingAck: true }, { limit: 50 }, now)).items.map((o) => o.id)).toEqual([o3]);
    // acknowledged: no longer awaiting the 3PL, still late
    await t.database.query(
      sql`update allocations set status = 'acknowledged', acknowledged_at = ${now.toISOString()}::timestamptz where id = ${alloc!.id}`,
    );
    expect(await counts()).toMatchObject({ awaitingAcknowledgement: 0, late: 1 });
    // shipped at 00:30 in Paris, which is still yesterday in UTC: it is "shipped today" for the shop
    const shippedAt = new Date('2026-06-14T22:30:00Z');
    await t.database.query(sql`update allocations set status = 'shipped' where id = ${alloc!.id}`);
    await t.database.query(sql`update orders set status = 'shipped' where id = ${o3}`);
    await t.database.query(
      sql`insert into shipments (shop_id, allocation_id, idempotency_key, shipped_at) values (${shopA}, ${alloc!.id}, 'scale-ship-1', ${shippedAt.toISOString()}::timestamptz)`,
    );
    expect(await counts()).toMatchObject({ waitingToRoute: 9, awaitingAcknowledgement: 0, late: 0, shippedToday: 1 });
    expect(
      (
        await list.list(shopA, { shippedOn: { date: '2026-06-15', timezone: 'Europe/Paris' } }, { limit: 50 }, now)
      ).items.map((o) => o.id),
    ).toEqual([o3]);
    expect(
      (await list.list(shopA, { shippedOn: { date: '2026-06-14', timezone: 'Europe/Paris' } }, { limit: 50 }, now))
        .items,
    ).toEqual([]);
    // shop B's open work never counts for shop A
    expect((await loadOverviewCounts(t.database, shopB, now, 'Europe/Paris')).waitingToRoute).toBe(1);
  });

  it('tries rules on the most recent orders of the window, in a worker thread, and says which', async () => {
    // shop A's orders were placed up to 6 h after `tie`; a 30-day window holds all 12, the replay takes the newest 4
    const res = await simulateRules(
      { db: t.database.db },
      { shopId: shopA, draft: defaultRules(), days: 30, now, limit: 4 },
    );
    const newest = (
      await t.database.query<{ placed_at: string }>(
        sql`select placed_at from orders where shop_id = ${shopA} and status <> 'cancelled' order by placed_at desc, id desc limit 4`,
      )
    ).map((r) => new Date(r.placed_at).toISOString());
    expect(res.orders).toBe(4);
    expect(res.replayed).toEqual({
      selection: 'most_recent',
      limit: 4,
      from: newest.at(-1),
      to: newest[0],
      windowCapped: true,
    });
    // on Postgres the worker reads the orders itself, on its own connection: the same answer
    const viaWorker = await simulateRules(
      { db: t.database.db, databaseUrl: t.url },
      { shopId: shopA, draft: defaultRules(), days: 30, now, limit: 4 },
    );
    expect(viaWorker).toEqual(res);
    const all = await simulateRules(
      { db: t.database.db, databaseUrl: t.url },
      { shopId: shopA, draft: defaultRules(), days: 30, now },
    );
    expect(all.replayed).toMatchObject({ windowCapped: false, to: newest[0] });
    expect(all.orders).toBe(12);
  });
});
