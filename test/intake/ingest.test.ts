import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { complianceRecords, inboxEvents, orderLines, orders, shops } from '../../drizzle/schema/index.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import type { RouteNow } from '../../core/use-cases/ingest/run-follow-ups.js';
import { buildApp } from '../../server/app.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { buildRestOrder } from '../helpers/builders.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

describe('ingest', () => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    // events of shops that never installed the app are parked; these two installed it
    for (const domain of ['test-shop.myshopify.com', 'other.myshopify.com'])
      await createShopsRepo(t.ctx.db).activate(domain);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** deliver through the real intake, then apply the inbox row the way the worker does */
  async function deliver(
    body: unknown,
    opts: { topic?: string; eventId?: string; shop?: string; url?: string; routeNow?: RouteNow } = {},
  ) {
    const res = await app.inject(signedWebhook(typeof body === 'string' ? body : JSON.stringify(body), opts));
    expect(res.statusCode).toBe(200);
    const [row] = await t.ctx.db
      .select({ id: inboxEvents.id })
      .from(inboxEvents)
      .orderBy(sql`${inboxEvents.id} desc`)
      .limit(1);
    return ingestEvent(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth, routeNow: opts.routeNow },
      { inboxId: row!.id, finalAttempt: false },
    );
  }
  const orderByExt = async (id: number) =>
    (
      await t.ctx.db
        .select()
        .from(orders)
        .where(eq(orders.externalId, `gid://shopify/Order/${id}`))
    )[0];

  it('creates one order from duplicates: same event id, and same body with a fresh id', async () => {
    const body = buildRestOrder({ id: 10 });
    expect(await deliver(body, { eventId: 'e10' })).toMatchObject({ status: 'processed', outcome: 'inserted' });
    await app.inject(signedWebhook(body, { eventId: 'e10' }));
    // a replay is a later observation of the same version: applying it again changes nothing
    expect(await deliver(body, { eventId: 'e10-replay' })).toMatchObject({ status: 'processed' });
    const rows = await t.ctx.db.select().from(orders).where(eq(orders.externalId, 'gid://shopify/Order/10'));
    expect(rows).toHaveLength(1);
    const lines = await t.ctx.db.select().from(orderLines).where(eq(orderLines.orderId, rows[0]!.id));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ sku: 'TSHIRT-BLEU-M', quantity: 2, externalId: 'gid://shopify/LineItem/1' });
  });

  it('ends in the newest state when orders/updated arrives before orders/create', async () => {
    const v2 = buildRestOrder({
      id: 11,
      updatedAt: '2026-11-20T10:05:00+01:00',
      lines: [{ id: 1, sku: 'A', quantity: 3, currentQuantity: 1 }],
    });
    const v1 = buildRestOrder({
      id: 11,
      updatedAt: '2026-11-20T10:00:00+01:00',
      lines: [{ id: 1, sku: 'A', quantity: 3 }],
    });
    expect(await deliver(v2, { topic: 'orders/updated' })).toMatchObject({ outcome: 'inserted' });
    expect(await deliver(v1, { topic: 'orders/create' })).toMatchObject({ outcome: 'stale' });
    const o = await orderByExt(11);
    expect(o!.sourceUpdatedAt.toISOString()).toBe('2026-11-20T09:05:00.000Z');
    const [line] = await t.ctx.db.select().from(orderLines).where(eq(orderLines.orderId, o!.id));
    expect(line!.currentQuantity).toBe(1);
  });

  it('never brings a cancelled order back to life', async () => {
    await deliver(buildRestOrder({ id: 12, updatedAt: '2026-11-20T10:00:00Z' }));
    expect(
      await deliver(
        buildRestOrder({ id: 12, updatedAt: '2026-11-20T11:00:00Z', cancelledAt: '2026-11-20T11:00:00Z' }),
        { topic: 'orders/cancelled' },
      ),
    ).toMatchObject({ outcome: 'cancelled' });
    // a later version that (wrongly) omits cancelled_at
    await deliver(buildRestOrder({ id: 12, updatedAt: '2026-11-20T12:00:00Z', cancelledAt: null }), {
      topic: 'orders/updated',
    });
    const o = await orderByExt(12);
    expect(o!.status).toBe('cancelled');
    expect(o!.cancelledAt?.toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });

  it('parks truncated JSON and unknown topics as dead letters instead of retrying', async () => {
    expect(await deliver('{"id": 13, "line_items": [')).toMatchObject({ status: 'dead' });
    expect(await deliver({ id: 14 }, { topic: 'carts/create' })).toMatchObject({
      status: 'dead',
      error: 'unknown topic carts/create',
    });
    expect(await deliver({ id: 'x', name: 5 }, { topic: 'orders/create' })).toMatchObject({ status: 'dead' });
    const dead = await t.ctx.db.select().from(inboxEvents).where(eq(inboxEvents.status, 'dead'));
    expect(dead.length).toBeGreaterThanOrEqual(3);
    expect(dead.every((d) => d.lastError)).toBe(true);
  });

  it('exports and erases a customer on the compliance topics', async () => {
    await deliver(buildRestOrder({ id: 20, customerId: 777, email: 'jeanne@example.fr' }));
    const base = {
      shop_id: 1,
      shop_domain: 'test-shop.myshopify.com',
      customer: { id: 777, email: 'jeanne@example.fr', phone: null },
    };
    await deliver(
      { ...base, orders_requested: [20], data_request: { id: 99 } },
      { topic: 'customers/data_request', url: '/webhooks/compliance' },
    );
    const [exp] = await t.ctx.db
      .select()
      .from(complianceRecords)
      .where(eq(complianceRecords.topic, 'customers/data_request'));
    expect(exp!.export).toEqual([expect.objectContaining({ order: '#20', email: 'jeanne@example.fr' })]);
    await deliver({ ...base, orders_to_redact: [20] }, { topic: 'customers/redact', url: '/webhooks/compliance' });
    const o = await orderByExt(20);
    expect(o).toMatchObject({ email: null, customerExternalId: null, latitude: null, zip: null });
    expect(o!.shippingAddress).toEqual({ countryCode: 'FR' });
    const [red] = await t.ctx.db
      .select()
      .from(complianceRecords)
      .where(eq(complianceRecords.topic, 'customers/redact'));
    expect(red!.summary).toEqual({ ordersRedacted: 1 });
  });

  it('queues a routing run only for versions that change what routing reads', async () => {
    const routeJobs = async (orderId: number) =>
      (await t.ctx.queues.queue('route').getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']))
        .filter((j) => j.data.orderId === orderId)
        .map((j) => j.data.reason);
    const v1 = buildRestOrder({ id: 60, updatedAt: '2026-11-20T10:00:00Z' });
    await deliver(v1, { topic: 'orders/create' });
    const id = (await orderByExt(60))!.id;
    // paid repeating create, then Shopify's own bookkeeping (a new tag, a later updated_at)
    await deliver(v1, { topic: 'orders/paid' });
    await deliver({ ...v1, updated_at: '2026-11-20T10:01:00Z', tags: 'vip, fr, routed' }, { topic: 'orders/updated' });
    expect(await routeJobs(id)).toEqual(['orders/create']);
    // an edit that changes a quantity, and a new address, each route again
    const edited = buildRestOrder({
      id: 60,
      updatedAt: '2026-11-20T10:02:00Z',
      lines: [{ id: 1, sku: 'TSHIRT-BLEU-M', quantity: 2, currentQuantity: 1 }],
    });
    await deliver(edited, { topic: 'orders/updated' });
    await deliver(
      { ...edited, updated_at: '2026-11-20T10:03:00Z', shipping_address: { ...edited.shipping_address, zip: '69001' } },
      { topic: 'orders/updated' },
    );
    expect((await routeJobs(id)).sort()).toEqual(['orders/create', 'orders/updated', 'orders/updated']);
    // once our 3PL shipped it, Shopify's fulfilled version changes the plan inputs but routes nothing
    await t.ctx.db.update(orders).set({ status: 'shipped' }).where(eq(orders.id, id));
    await deliver(
      { ...edited, updated_at: '2026-11-20T10:04:00Z', fulfillment_status: 'fulfilled' },
      { topic: 'orders/updated' },
    );
    expect((await routeJobs(id)).sort()).toEqual(['orders/create', 'orders/updated', 'orders/updated']);
  });

  it('routes in the ingest job where the process routes too, and queues the run only when that fails', async () => {
    const routeJobs = async (orderId: number) =>
      (await t.ctx.queues.queue('route').getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
        (j) => j.data.orderId === orderId,
      );
    const routed: { orderId: number; reason: string }[] = [];
    let fail = false;
    const routeNow = async (p: { orderId: number; reason: string }) => {
      if (fail) throw new Error('deadlock detected');
      routed.push({ orderId: p.orderId, reason: p.reason });
    };
    await deliver(buildRestOrder({ id: 70, updatedAt: '2026-11-20T10:00:00Z' }), { topic: 'orders/create', routeNow });
    const id = (await orderByExt(70))!.id;
    expect(routed).toEqual([{ orderId: id, reason: 'orders/create' }]);
    expect(await routeJobs(id)).toEqual([]);
    // a version that routes nothing runs nothing
    await deliver(buildRestOrder({ id: 70, updatedAt: '2026-11-20T10:00:00Z' }), { topic: 'orders/paid', routeNow });
    expect(routed).toHaveLength(1);
    fail = true;
    const edited = buildRestOrder({
      id: 70,
      updatedAt: '2026-11-20T10:02:00Z',
      lines: [{ id: 1, sku: 'TSHIRT-BLEU-M', quantity: 2, currentQuantity: 1 }],
    });
    expect(await deliver(edited, { topic: 'orders/updated', routeNow })).toMatchObject({ status: 'processed' });
    const queued = await routeJobs(id);
    expect(queued.map((j) => j.data.reason)).toEqual(['orders/updated']);
    // the run's own job id: the version's, as a queued run would have had
    expect(queued[0]!.id).toMatch(new RegExp(`^route-${id}-${Date.parse('2026-11-20T10:02:00Z')}-\\d+$`));
  });

  it('disables the shop on app/uninstalled', async () => {
    await deliver(
      { id: 1, name: 'Other', domain: 'other.example', myshopify_domain: 'other.myshopify.com' },
      { topic: 'app/uninstalled', shop: 'other.myshopify.com' },
    );
    const [s] = await t.ctx.db.select().from(shops).where(eq(shops.domain, 'other.myshopify.com'));
    expect(s!.status).toBe('uninstalled');
  });
});

describe('ingest through the running workers', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let workers: StartedWorkers;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    await createShopsRepo(t.ctx.db).activate('test-shop.myshopify.com');
    workers = await startWorkers(t.ctx, ['ingest']);
  });
  afterAll(async () => {
    await workers.close();
    await app.close();
    await t.close();
  });

  it('applies a burst of deliveries exactly once each', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) =>
      buildRestOrder({ id: 100 + (i % 20), updatedAt: `2026-11-20T10:${String(i).padStart(2, '0')}:00Z` }),
    );
    const res = await Promise.all(bodies.map((b) => app.inject(signedWebhook(b))));
    expect(res.map((r) => r.statusCode)).toEqual(res.map(() => 200));
    for (;;) {
      const [p] = await t.ctx.database.query<{ n: number }>(
        sql`select count(*)::int as n from inbox_events where status = 'pending'`,
      );
      if (Number(p!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await t.ctx.db.select().from(orders);
    expect(rows).toHaveLength(20);
    // each order ends at its newest version, whatever order the jobs ran in
    for (const o of rows) {
      const n = Number(o.externalId.split('/').pop()) - 100;
      expect(o.sourceUpdatedAt.toISOString()).toBe(`2026-11-20T10:${String(n + 20).padStart(2, '0')}:00.000Z`);
    }
  });
});
