import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllocationsRepo } from '../../core/db/allocations-repo.js';
import { loadHandover, type Handover } from '../../core/db/overview-queries.js';
import { acknowledgeAllocation } from '../../core/use-cases/feed/acknowledge-allocation.js';
import { seedOrder, seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const tz = 'Europe/Paris';

/**
 * The week's hand-over counted directly from allocations and orders: per order, from its placing to
 * the first acknowledgement of any of its allocations, for orders first acknowledged in the week.
 */
async function directHandover(t: TestDatabase, shopId: number, now: Date): Promise<Handover> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const rows = await t.database.query<{
    day: string | null;
    orders: number;
    p50: number | null;
    p95: number | null;
  }>(sql`
    with first_ack as (
      select a.order_id, min(a.acknowledged_at) as ack from allocations a
      where a.shop_id = ${shopId} and a.acknowledged_at is not null group by a.order_id),
    m as (
      select (f.ack at time zone ${tz})::date as day, extract(epoch from (f.ack - o.placed_at)) / 60.0 as minutes
      from first_ack f join orders o on o.id = f.order_id
      where f.ack >= ${weekAgo}::timestamptz)
    select day::text as day, count(*)::int as orders,
      percentile_cont(0.5) within group (order by minutes) as p50, percentile_cont(0.95) within group (order by minutes) as p95
    from m group by grouping sets ((day), ()) order by day nulls last`);
  const n = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  const week = rows.find((r) => r.day === null);
  return {
    handover: rows
      .filter((r) => r.day !== null)
      .map((r) => ({ day: r.day!, orders: Number(r.orders), medianMinutes: n(r.p50), p95Minutes: n(r.p95) })),
    handoverWeek: { orders: Number(week?.orders ?? 0), medianMinutes: n(week?.p50), p95Minutes: n(week?.p95) },
  };
}

describe('overview hand-over from its rollup', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  it('answers what a direct count over allocations and orders answers, after a mix of events', async () => {
    const db = t.database.db;
    const shop = (await seedShop(db)).id;
    const otherShop = (await seedShop(db)).id;
    const wh = await seedWarehouse(db, shop);
    const wh2 = await seedWarehouse(db, shop);
    const otherWh = await seedWarehouse(db, otherShop);
    const repo = createAllocationsRepo(db);
    const now = new Date();
    const h = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    let key = 0;
    const allocate = async (shopId: number, orderId: number, warehouseId: number) => {
      const [row] = await t.database.query<{ id: number }>(sql`
        insert into allocations (shop_id, order_id, warehouse_id, status, trace, idempotency_key, attempt)
        values (${shopId}, ${orderId}, ${warehouseId}, 'ready', '{}'::jsonb, ${`rollup-${++key}`}, ${key})
        returning id`);
      return Number(row!.id);
    };
    const ack = (shopId: number, id: number, at: Date) =>
      repo.transition(shopId, id, ['ready', 'leased'], 'acknowledged', { acknowledgedAt: at });

    // orders placed over ten days, each acknowledged 10 minutes to 30 hours later
    for (let i = 0; i < 40; i++) {
      const placed = h(240 - i * 6);
      const orderId = await seedOrder(db, shop, { placedAt: placed, lines: [{ sku: 'MUG', quantity: 1 }] });
      if (i % 5 === 4) continue; // never acknowledged
      await ack(shop, await allocate(shop, orderId, wh.id), new Date(placed.getTime() + (10 + i * 45) * 60_000));
    }
    // a split order: the second warehouse acknowledges first, though its acknowledgement is recorded last
    const split = await seedOrder(db, shop, { placedAt: h(50), lines: [{ sku: 'MUG', quantity: 2 }] });
    const [s1, s2] = [await allocate(shop, split, wh.id), await allocate(shop, split, wh2.id)];
    await ack(shop, s1, h(20));
    await ack(shop, s2, h(40));
    // first acknowledged nine days ago, re-acknowledged by a new allocation yesterday: not this week's
    const rerouted = await seedOrder(db, shop, { placedAt: h(220), lines: [{ sku: 'MUG', quantity: 1 }] });
    await ack(shop, await allocate(shop, rerouted, wh.id), h(216));
    await ack(shop, await allocate(shop, rerouted, wh2.id), h(24));
    // acknowledged, then cancelled: the hand-over happened
    const cancelled = await seedOrder(db, shop, { placedAt: h(30), lines: [{ sku: 'MUG', quantity: 1 }] });
    const c = await allocate(shop, cancelled, wh.id);
    await ack(shop, c, h(29));
    await repo.transition(shop, c, ['acknowledged'], 'cancelled');
    // a transition that does not apply (already acknowledged) changes nothing
    expect(await ack(shop, c, h(1))).toBeUndefined();
    // through the 3PL feed: acknowledged now
    const viaFeed = await seedOrder(db, shop, { placedAt: h(3), lines: [{ sku: 'MUG', quantity: 1 }] });
    const f = await allocate(shop, viaFeed, wh.id);
    await acknowledgeAllocation({ db }, { who: { keyId: 0, shopId: shop, warehouseId: wh.id }, allocationId: f });
    // another shop's acknowledgements
    const theirs = await seedOrder(db, otherShop, { placedAt: h(10), lines: [{ sku: 'MUG', quantity: 1 }] });
    await ack(otherShop, await allocate(otherShop, theirs, otherWh.id), h(9));

    const at = new Date(now.getTime() + 1000);
    const rollup = await loadHandover(t.database, shop, at, tz);
    expect(rollup).toEqual(await directHandover(t, shop, at));
    // the mix above left figures to compare: several days, the feed's order and the split one included
    expect(rollup.handover.length).toBeGreaterThanOrEqual(5);
    expect(rollup.handoverWeek.orders).toBeGreaterThan(20);
    const [split1] = await t.database.query<{ minutes: number }>(
      sql`select minutes from order_handovers where order_id = ${split}`,
    );
    expect(Number(split1!.minutes)).toBeCloseTo(10 * 60, 6);
    expect(await loadHandover(t.database, otherShop, at, tz)).toEqual(await directHandover(t, otherShop, at));
    expect((await loadHandover(t.database, otherShop, at, tz)).handoverWeek.orders).toBe(1);
  });
});
