import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepo } from '../../core/db/audit-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { ingestBatch } from '../../core/use-cases/ingest-batch.js';
import { buildApp } from '../../server/app.js';
import { buildRestOrder } from '../helpers/builders.js';
import { seedOrder } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

const level = (item: number, available: number, at = '2026-12-01T10:00:00Z') => ({
  inventory_item_id: item,
  location_id: 7,
  available,
  updated_at: at,
});

describe('mirror-only webhooks', () => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    await createShopsRepo(t.ctx.db).activate('test-shop.myshopify.com');
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const inboxRows = (eventIds: string[]) =>
    t.ctx.database.query<{ id: string; event_id: string; status: string; last_error: string | null }>(
      sql`select id, event_id, status, last_error from inbox_events where event_id = any(${`{${eventIds.join(',')}}`}::text[]) order by id`,
    );

  it('are queued as one batch job, while an order event keeps its own job', async () => {
    const ids = ['lvl-1', 'lvl-2', 'lvl-3'];
    for (const [i, eventId] of ids.entries())
      expect(
        (await app.inject(signedWebhook(level(100 + i, 5), { topic: 'inventory_levels/update', eventId }))).statusCode,
      ).toBe(200);
    expect((await app.inject(signedWebhook({ id: 41 }, { eventId: 'order-41' }))).statusCode).toBe(200);
    await t.ctx.ingestProducer.drain();

    const rows = await inboxRows([...ids, 'order-41']);
    const mirrorIds = rows.filter((r) => r.event_id !== 'order-41').map((r) => Number(r.id));
    const orderId = Number(rows.find((r) => r.event_id === 'order-41')!.id);
    const queue = t.ctx.queues.queue('ingest');
    expect((await queue.getJob(`inbox-batch-${mirrorIds[0]}`))?.data).toEqual({ inboxIds: mirrorIds });
    for (const id of mirrorIds) expect(await queue.getJob(`inbox-${id}`)).toBeUndefined();
    expect((await queue.getJob(`inbox-${orderId}`))?.data).toEqual({ inboxId: orderId });
  });

  it('applies a batch in one go, and parks a bad event and an unknown shop alone', async () => {
    const good = ['b-good-1', 'b-good-2'];
    await app.inject(signedWebhook(level(200, 9), { topic: 'inventory_levels/update', eventId: good[0] }));
    await app.inject(signedWebhook(level(201, 4), { topic: 'inventory_levels/update', eventId: good[1] }));
    // valid JSON, wrong shape: the batch cannot take it, the single path parks it as poison
    await app.inject(signedWebhook({ location_id: 7 }, { topic: 'inventory_levels/update', eventId: 'b-bad' }));
    await app.inject(
      signedWebhook(level(202, 1), {
        topic: 'inventory_levels/update',
        eventId: 'b-stranger',
        shop: 'never-installed.myshopify.com',
      }),
    );
    const rows = await inboxRows([...good, 'b-bad', 'b-stranger']);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    const goodIds = rows.filter((r) => good.includes(r.event_id)).map((r) => Number(r.id));
    expect(await ingestBatch(deps, { inboxIds: goodIds, finalAttempt: false })).toEqual({
      applied: 2,
      single: 0,
    });
    // a batch holding poison fails as a whole and goes event by event: the good one still lands
    await app.inject(signedWebhook(level(203, 6), { topic: 'inventory_levels/update', eventId: 'b-good-3' }));
    const mixed = await inboxRows(['b-bad', 'b-stranger', 'b-good-3']);
    expect(await ingestBatch(deps, { inboxIds: mixed.map((r) => Number(r.id)), finalAttempt: false })).toEqual({
      applied: 0,
      single: 3,
    });
    good.push('b-good-3');

    const after = new Map((await inboxRows([...good, 'b-bad', 'b-stranger'])).map((r) => [r.event_id, r]));
    for (const id of good) expect(after.get(id)!.status).toBe('processed');
    expect(after.get('b-bad')).toMatchObject({ status: 'dead' });
    expect(after.get('b-bad')!.last_error).toMatch(/inventory_item_id/);
    expect(after.get('b-stranger')).toMatchObject({ status: 'dead', last_error: 'unknown shop' });
    const levels = await t.ctx.database.query<{ item: string; available: number }>(sql`
      select inventory_item_external_id as item, available from shopify_inventory_levels
      where inventory_item_external_id like 'gid://shopify/InventoryItem/20_' order by 1`);
    expect(levels.map((l) => [l.item, Number(l.available)])).toEqual([
      ['gid://shopify/InventoryItem/200', 9],
      ['gid://shopify/InventoryItem/201', 4],
      ['gid://shopify/InventoryItem/203', 6],
    ]);

    // a second run of the same job (a retry, or the sweeper's single job) changes nothing
    const all = [...goodIds, ...mixed.map((r) => Number(r.id))];
    expect(await ingestBatch(deps, { inboxIds: all, finalAttempt: false })).toEqual({ applied: 0, single: 0 });
  });

  it("puts Shopify's fulfillments on the order's timeline, and passes over those of an order not held", async () => {
    const shop = (await createShopsRepo(t.ctx.db).byDomain('test-shop.myshopify.com'))!;
    const orderId = await seedOrder(t.ctx.db, shop.id, { id: 7701, lines: [{ sku: 'TASSE', quantity: 1 }] });
    const fulfillment = (id: number, order: number, status: string) => ({
      id,
      order_id: order,
      status,
      tracking_company: 'Colissimo',
      tracking_numbers: ['6A1234'],
    });
    await app.inject(signedWebhook(fulfillment(91, 7701, 'success'), { topic: 'fulfillments/create', eventId: 'f-1' }));
    await app.inject(signedWebhook(fulfillment(92, 7799, 'success'), { topic: 'fulfillments/create', eventId: 'f-2' }));
    const rows = await inboxRows(['f-1', 'f-2']);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    expect(await ingestBatch(deps, { inboxIds: rows.map((r) => Number(r.id)), finalAttempt: false })).toEqual({
      applied: 2,
      single: 0,
    });
    const timeline = await createAuditRepo(t.ctx.db).list(shop.id, 'order', String(orderId));
    expect(timeline.filter((e) => e.action === 'shopify_fulfillment_created').map((e) => e.data)).toEqual([
      {
        fulfillment: 'gid://shopify/Fulfillment/91',
        status: 'success',
        trackingCompany: 'Colissimo',
        trackingNumbers: ['6A1234'],
      },
    ]);
    const strays = await t.ctx.database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'shopify_fulfillment_created'`,
    );
    expect(Number(strays[0]!.n)).toBe(1);
  });

  it('keeps the newest level of an item when one batch holds several, whatever their order', async () => {
    await app.inject(
      signedWebhook(level(300, 8, '2026-12-01T10:05:00Z'), { topic: 'inventory_levels/update', eventId: 'n-new' }),
    );
    await app.inject(
      signedWebhook(level(300, 3, '2026-12-01T10:01:00Z'), { topic: 'inventory_levels/update', eventId: 'n-old' }),
    );
    const rows = await inboxRows(['n-new', 'n-old']);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    expect(await ingestBatch(deps, { inboxIds: rows.map((r) => Number(r.id)), finalAttempt: false })).toEqual({
      applied: 2,
      single: 0,
    });
    const [held] = await t.ctx.database.query<{ available: number }>(
      sql`select available from shopify_inventory_levels where inventory_item_external_id = 'gid://shopify/InventoryItem/300'`,
    );
    expect(Number(held!.available)).toBe(8);
  });

  it("applies order versions of several orders in the batch's one transaction, and queues their routing after it", async () => {
    const a1 = buildRestOrder({ id: 8801, updatedAt: '2026-12-01T10:00:00Z' });
    const b1 = buildRestOrder({ id: 8802, updatedAt: '2026-12-01T10:00:00Z' });
    const a2 = { ...a1, updated_at: '2026-12-01T10:00:30Z', tags: 'vip' };
    const sent: [unknown, string, string][] = [
      [a2, 'orders/updated', 'o-a2'],
      [b1, 'orders/create', 'o-b1'],
      [a1, 'orders/create', 'o-a1'],
      [a1, 'orders/paid', 'o-a1-paid'],
      [level(400, 2), 'inventory_levels/update', 'o-lvl'],
    ];
    for (const [body, topic, eventId] of sent)
      expect((await app.inject(signedWebhook(body as object, { topic, eventId }))).statusCode).toBe(200);
    const rows = await inboxRows(sent.map((x) => x[2]));
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    expect(await ingestBatch(deps, { inboxIds: rows.map((r) => Number(r.id)), finalAttempt: false })).toEqual({
      applied: 5,
      single: 0,
    });
    const held = await t.ctx.database.query<{ external_id: string; tags: string[] | string }>(
      sql`select external_id, tags from orders where external_id in ('gid://shopify/Order/8801', 'gid://shopify/Order/8802') order by 1`,
    );
    // the newest version of 8801 stands, whichever came first
    expect(held.map((o) => [o.external_id, String(o.tags)])).toEqual([
      ['gid://shopify/Order/8801', expect.stringContaining('vip')],
      ['gid://shopify/Order/8802', expect.any(String)],
    ]);
    for (const r of await inboxRows(sent.map((x) => x[2]))) expect(r.status).toBe('processed');
    const routed = (await t.ctx.queues.queue('route').getJobs(['waiting', 'delayed'])).map((j) => j.data.reason).sort();
    expect(routed).toEqual(['orders/create', 'orders/updated']);
    // each version is on its order's timeline, written in one statement with the batch
    const timeline = await t.ctx.database.query<{ topic: string }>(
      sql`select a.data->>'topic' as topic from audit_log a join orders o on a.entity = 'order' and a.entity_id = o.id::text
          where o.external_id = 'gid://shopify/Order/8801' and a.action = 'webhook_received' order by a.id`,
    );
    expect(timeline.map((e) => e.topic)).toEqual(['orders/updated', 'orders/create', 'orders/paid']);
  });
});
