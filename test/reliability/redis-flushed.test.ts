import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { sweepInbox } from '../../core/use-cases/sweep-inbox.js';
import { sweepWork } from '../../core/use-cases/sweep-work.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';

const SHOP = 'flush.myshopify.com';
const address = {
  address1: '1 rue A',
  city: 'Paris',
  zip: '75002',
  countryCode: 'FR',
  latitude: 48.86,
  longitude: 2.34,
};

describe('F3: Redis loses every queued job mid-run', () => {
  let s: SimApp;
  let workers: StartedWorkers | null = null;
  beforeAll(async () => {
    s = await startSimApp();
  });
  afterAll(async () => {
    await workers?.close();
    await s.close();
  });

  it('loses no order: the sweepers re-queue everything from Postgres', async () => {
    const token = await simShop(s.sim, SHOP, [{ sku: 'BOUGIE' }]);
    const loc = s.sim.control.createLocation(SHOP, { name: 'Paris', address });
    s.sim.control.setStock(SHOP, { sku: 'BOUGIE', locationId: loc.id, onHand: 100 });
    await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } });
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    const wh = await seedWarehouse(s.t.ctx.db, shopId);
    await receive(s.t.ctx.db, shopId, wh.id, await seedSku(s.t.ctx.db, shopId, 'BOUGIE'), 100);

    // 20 orders arrive and are acknowledged while no worker runs, then Redis is wiped
    const placed = Array.from({ length: 20 }, () =>
      s.sim.control.placeOrder(SHOP, {
        lines: [{ sku: 'BOUGIE', quantity: 1 }],
        shippingAddress: address,
        financialStatus: 'paid',
      }),
    );
    await s.sim.waitForIdleWebhooks();
    await s.t.ctx.ingestProducer.drain();
    const keys = await s.t.ctx.redis.keys(`${s.t.ctx.config.redis.prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await s.t.ctx.redis.del(...keys);

    // workers come back to an empty Redis; the sweepers find the work in Postgres
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch']);
    const deps = { db: s.t.ctx.db, queues: s.t.ctx.queues, log: s.t.ctx.log };
    const later = () => new Date(Date.now() + 120_000);
    await sweepInbox(deps, { olderThanMs: 0, now: later() });
    await waitFor(
      'every order stored',
      async () =>
        Number((await s.t.ctx.database.query<{ n: number }>(sql`select count(*)::int as n from orders`))[0]!.n) === 20,
    );
    // routing jobs queued by ingest may also have been lost: sweep the orders left pending
    await waitFor(
      'every order handed to the warehouse',
      async () => {
        await sweepWork(deps, { olderThanMs: 0, now: later() });
        const ready = await s.t.ctx.db.select().from(allocations).where(eq(allocations.status, 'ready'));
        return ready.length === 20;
      },
      30_000,
    );
    const stored = await s.t.ctx.db.select().from(orders);
    expect(new Set(stored.map((o) => o.externalId))).toEqual(new Set(placed.map((p) => p.gid)));
  }, 60_000);
});
