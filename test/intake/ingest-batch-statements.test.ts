import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { ingestBatch } from '../../core/use-cases/ingest-batch.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { buildApp } from '../../server/app.js';
import { buildRestOrder } from '../helpers/builders.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

// every statement the app's connections put on the wire (begin and commit included), counted
// the way the e2e benchmark counts them, on the real database
const sent = { on: false, n: 0, texts: [] as string[] };
const count = (text: string) => {
  if (!sent.on) return;
  sent.n++;
  sent.texts.push(text.replace(/\s+/g, ' '));
};

const ORDERS = 10;
const BATCHED = 'batch-shop.myshopify.com';
const ONE_BY_ONE = 'single-shop.myshopify.com';

/** A flash sale's webhooks for one order: its three versions, its fulfillment orders' news, its stock. */
function eventsOf(n: number): { orders: [object, string][]; mirror: [object, string][] } {
  const id = 9100 + n;
  const lines = [
    { id: id * 10 + 1, sku: `SKU-${n}-A`, quantity: 1 },
    { id: id * 10 + 2, sku: `SKU-${n}-B`, quantity: 2 },
  ];
  const create = buildRestOrder({ id, updatedAt: '2026-12-01T10:00:00Z', financialStatus: 'pending', lines });
  const paid = { ...create, updated_at: '2026-12-01T10:00:01Z', financial_status: 'paid' };
  const updated = { ...paid, updated_at: '2026-12-01T10:00:02Z', tags: 'vip, fr, flash' };
  const fo = `gid://shopify/FulfillmentOrder/${id}`;
  return {
    orders: [
      [create, 'orders/create'],
      [paid, 'orders/paid'],
      [updated, 'orders/updated'],
    ],
    mirror: [
      [
        { fulfillment_order: { id: fo, status: 'open', assigned_location_id: 7 } },
        'fulfillment_orders/order_routing_complete',
      ],
      [
        {
          original_fulfillment_order: { id: fo, status: 'open', request_status: 'submitted' },
          submitted_fulfillment_order: { id: fo, status: 'open', request_status: 'submitted' },
        },
        'fulfillment_orders/fulfillment_request_submitted',
      ],
      [
        { fulfillment_order: { id: fo, status: 'in_progress', request_status: 'accepted' } },
        'fulfillment_orders/fulfillment_request_accepted',
      ],
      ...lines.map((l, i): [object, string] => [
        { inventory_item_id: l.id, location_id: 7, available: 10 - i, updated_at: '2026-12-01T10:00:03Z' },
        'inventory_levels/update',
      ]),
      [
        { id: id * 3, order_id: id, status: 'success', tracking_company: 'Colissimo', tracking_numbers: [`6A${id}`] },
        'fulfillments/create',
      ],
    ],
  };
}

/**
 * What an ingest batch costs in SQL per order in a flash sale (issue #16): several orders, each
 * with its create, paid and updated versions in one order batch, then their fulfillment orders'
 * news, stock levels and fulfillments in one mirror batch, as the ingest producer gathers them.
 * The same webhooks applied one by one to another shop must leave the same rows behind.
 */
describe('ingest batch statements per order', () => {
  let t: TestContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestContext({}, { onStatement: count });
    app = await buildApp(t.ctx, { logger: false });
    await createShopsRepo(t.ctx.db).activate(BATCHED);
    await createShopsRepo(t.ctx.db).activate(ONE_BY_ONE);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** Delivers webhooks to a shop in this order, each observed a little after the one before; answers their inbox ids. */
  async function send(shop: string, tag: string, events: [object, string][]): Promise<number[]> {
    const ids: number[] = [];
    for (const [i, [body, topic]] of events.entries()) {
      const eventId = `${shop}-${tag}-${i}`;
      // X-Shopify-Triggered-At has millisecond resolution: versions of one second are told apart by it
      await new Promise((r) => setTimeout(r, 2));
      expect((await app.inject(signedWebhook(body, { topic, shop, eventId }))).statusCode).toBe(200);
      const [row] = await t.ctx.database.query<{ id: string }>(
        sql`select id from inbox_events where event_id = ${eventId}`,
      );
      ids.push(Number(row!.id));
    }
    return ids;
  }

  /** The sale's webhooks of one kind, interleaved across orders as a sale sends them. */
  function interleaved(kind: 'orders' | 'mirror'): [object, string][] {
    const all = Array.from({ length: ORDERS }, (_, n) => eventsOf(n)[kind]);
    const out: [object, string][] = [];
    for (let step = 0; step < Math.max(...all.map((a) => a.length)); step++)
      for (const list of all) if (list[step]) out.push(list[step]!);
    return out;
  }

  /** What a merchant sees of a shop's orders, fulfillment orders, levels and timeline. */
  async function heldBy(domain: string) {
    const shop = (await createShopsRepo(t.ctx.db).byDomain(domain))!;
    const q = t.ctx.database.query;
    return {
      orders: await q(sql`select external_id, name, financial_status, tags, status, cancelled_at, customer_locale,
          source_updated_at, plan_fingerprint from orders where shop_id = ${shop.id} order by external_id`),
      lines:
        await q(sql`select o.external_id as order_ref, l.external_id, l.sku, l.quantity, l.current_quantity, l.title
          from order_lines l join orders o on o.id = l.order_id where l.shop_id = ${shop.id} order by 1, 2`),
      fulfillmentOrders: await q(sql`select external_id, status, request_status, location_external_id
          from fulfillment_orders where shop_id = ${shop.id} order by external_id`),
      levels: await q(sql`select inventory_item_external_id, location_external_id, available
          from shopify_inventory_levels where shop_id = ${shop.id} order by 1, 2`),
      timeline: (
        await q<{ order_ref: string; action: string; actor: string; data: Record<string, unknown> }>(sql`
          select o.external_id as order_ref, a.action, a.actor, a.data from audit_log a
          join orders o on a.entity = 'order' and a.entity_id = o.id::text
          where a.shop_id = ${shop.id} order by o.external_id, a.id`)
      ).map(({ data, ...e }) => {
        const { inboxId: _i, eventId: _e, ...kept } = data ?? {};
        return { ...e, data: kept };
      }),
      routing: (await t.ctx.queues.queue('route').getJobs(['waiting', 'delayed']))
        .filter((j) => j.data.shopId === shop.id)
        .map((j) => `${j.data.orderRef} ${j.data.reason}`)
        .sort(),
      inbox: await q(sql`select status, count(*)::int as n from inbox_events where shop_domain = ${domain} group by 1`),
    };
  }

  it('stays within its budget, and leaves what the event-by-event path leaves', async () => {
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    const orderIds = await send(BATCHED, 'orders', interleaved('orders'));
    const mirrorIds = await send(BATCHED, 'mirror', interleaved('mirror'));
    const singleOrderIds = await send(ONE_BY_ONE, 'orders', interleaved('orders'));
    const singleMirrorIds = await send(ONE_BY_ONE, 'mirror', interleaved('mirror'));

    sent.on = true;
    sent.n = 0;
    expect(await ingestBatch(deps, { inboxIds: orderIds, finalAttempt: false })).toEqual({
      applied: orderIds.length,
      single: 0,
    });
    const forOrders = sent.n;
    const orderTexts = [...sent.texts];
    sent.n = 0;
    sent.texts = [];
    expect(await ingestBatch(deps, { inboxIds: mirrorIds, finalAttempt: false })).toEqual({
      applied: mirrorIds.length,
      single: 0,
    });
    const forMirror = sent.n;
    const mirrorTexts = [...sent.texts];
    sent.on = false;
    const perOrder = (forOrders + forMirror) / ORDERS;
    console.log(
      `ingest batch statements: ${forOrders} for ${orderIds.length} order versions, ${forMirror} for ${mirrorIds.length} mirror events, ${perOrder} per order`,
    );
    if (process.env.INGEST_SQL_TEXT) console.log([...orderTexts, ...mirrorTexts].map((x) => x.slice(0, 60)));

    sent.texts = [];
    sent.on = true;
    for (const id of [...singleOrderIds, ...singleMirrorIds])
      expect((await ingestEvent(deps, { inboxId: id, finalAttempt: false })).status).toBe('processed');
    sent.on = false;
    const singleTexts = [...sent.texts];
    const batched = await heldBy(BATCHED);
    const single = await heldBy(ONE_BY_ONE);
    expect(batched.orders).toHaveLength(ORDERS);
    expect(batched.lines).toHaveLength(ORDERS * 2);
    expect(batched.fulfillmentOrders).toHaveLength(ORDERS);
    expect(batched.timeline.filter((e) => e.action === 'shopify_fulfillment_created')).toHaveLength(ORDERS);
    expect(batched).toEqual(single);

    // per batch: the read, the shop, begin, the claim, the timeline and commit; for orders their locks,
    // what is held of them, their rows and their lines in one statement each, whatever their versions
    const touching = (texts: string[], what: string) => texts.filter((x) => x.includes(what)).length;
    expect(touching(orderTexts, 'pg_advisory_xact_lock')).toBe(1);
    expect(touching(orderTexts, 'insert into orders as o')).toBe(1);
    expect(touching(orderTexts, 'insert into order_lines')).toBe(1);
    // ten orders and twenty lines in one statement, or one order and its two lines: the same text,
    // so Postgres plans it once per connection whatever the batch holds
    const textOf = (texts: string[], what: string) => new Set(texts.filter((x) => x.includes(what)));
    for (const what of ['insert into orders as o', 'insert into order_lines']) {
      expect(textOf(singleTexts, what).size).toBe(1);
      expect(textOf(singleTexts, what)).toEqual(textOf(orderTexts, what));
    }
    expect(touching(mirrorTexts, 'insert into "fulfillment_orders"')).toBe(1);
    expect(touching([...orderTexts, ...mirrorTexts], 'insert into audit_log')).toBe(2);
    expect(perOrder).toBeLessThanOrEqual(2);
  });

  it('stores versions that came out of order, of one second, cancelled or fulfilled as one by one would', async () => {
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    const at = (s: number) => `2026-12-02T10:00:0${s}Z`;
    const order = (id: number, s: number, extra: object = {}) => ({
      ...buildRestOrder({
        id,
        updatedAt: at(s),
        financialStatus: 'pending',
        lines: [{ id: id * 10, sku: 'MUG', quantity: 2 }],
      }),
      ...extra,
    });
    // held before the batch: 9201 and 9205 (whose newest version is already newer than the batch's)
    const before: [object, string][] = [
      [order(9201, 0), 'orders/create'],
      [order(9205, 5, { financial_status: 'paid' }), 'orders/updated'],
    ];
    const batch: [object, string][] = [
      // a held order: a new quantity, a version older than it, then its cancellation
      [order(9201, 5, { line_items: [{ ...order(9201, 0).line_items[0], current_quantity: 1 }] }), 'orders/updated'],
      [order(9201, 1, { financial_status: 'paid' }), 'orders/paid'],
      [order(9201, 6, { cancelled_at: at(6) }), 'orders/cancelled'],
      // the newest version first: create and paid come after it and are stale
      [order(9202, 2, { tags: 'late' }), 'orders/updated'],
      [order(9202, 0), 'orders/create'],
      [order(9202, 1, { financial_status: 'paid' }), 'orders/paid'],
      // three versions of one second: the payment wins, then the one observed last
      [order(9203, 0), 'orders/create'],
      [order(9203, 0, { financial_status: 'paid' }), 'orders/paid'],
      [order(9203, 0, { financial_status: 'paid', tags: 'seen later' }), 'orders/updated'],
      // shipped outside the app, then a version that no longer says so
      [order(9204, 0, { fulfillment_status: 'fulfilled', customer_locale: 'fr-FR' }), 'orders/create'],
      [order(9204, 1, { customer_locale: null }), 'orders/updated'],
      // every version older than the one held
      [order(9205, 1), 'orders/create'],
      [order(9205, 2, { financial_status: 'paid' }), 'orders/paid'],
    ];
    for (const [shop, tag] of [
      [BATCHED, 'b'],
      [ONE_BY_ONE, 's'],
    ] as const)
      for (const id of await send(shop, `${tag}-before`, before))
        expect((await ingestEvent(deps, { inboxId: id, finalAttempt: false })).status).toBe('processed');
    const batchedIds = await send(BATCHED, 'b-batch', batch);
    const singleIds = await send(ONE_BY_ONE, 's-batch', batch);
    expect(await ingestBatch(deps, { inboxIds: batchedIds, finalAttempt: false })).toEqual({
      applied: batch.length,
      single: 0,
    });
    for (const id of singleIds)
      expect((await ingestEvent(deps, { inboxId: id, finalAttempt: false })).status).toBe('processed');
    const batched = await heldBy(BATCHED);
    expect(batched).toEqual(await heldBy(ONE_BY_ONE));
    const outcomes = batched.timeline
      .filter((e) => e.order_ref === 'gid://shopify/Order/9202' || e.order_ref === 'gid://shopify/Order/9205')
      .map((e) => `${e.order_ref.slice(-4)} ${String(e.data.topic)} ${String(e.data.outcome)}`);
    expect(outcomes).toEqual([
      '9202 orders/updated inserted',
      '9202 orders/create stale',
      '9202 orders/paid stale',
      '9205 orders/updated inserted',
      '9205 orders/create stale',
      '9205 orders/paid stale',
    ]);
  });

  it('leaves a fulfillment order as one by one would when the one held is newer than some of the batch', async () => {
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth };
    const fo = 'gid://shopify/FulfillmentOrder/9301';
    const topic = 'fulfillment_orders/moved';
    // the batch's first event is older than the one held (its location is not applied), its second newer
    const older: [object, string] = [{ fulfillment_order: { id: fo, status: 'open', assigned_location_id: 7 } }, topic];
    const held: [object, string] = [{ fulfillment_order: { id: fo, status: 'open', assigned_location_id: 9 } }, topic];
    const newer: [object, string] = [{ fulfillment_order: { id: fo, status: 'scheduled' } }, topic];
    const batchIds: Record<string, number[]> = {};
    for (const shop of [BATCHED, ONE_BY_ONE]) {
      const [first] = await send(shop, 'fo-older', [older]);
      const [heldId] = await send(shop, 'fo-held', [held]);
      expect((await ingestEvent(deps, { inboxId: heldId!, finalAttempt: false })).status).toBe('processed');
      batchIds[shop] = [first!, ...(await send(shop, 'fo-newer', [newer]))];
    }
    expect(await ingestBatch(deps, { inboxIds: batchIds[BATCHED]!, finalAttempt: false })).toEqual({
      applied: 2,
      single: 0,
    });
    for (const id of batchIds[ONE_BY_ONE]!) await ingestEvent(deps, { inboxId: id, finalAttempt: false });
    const rows = await t.ctx.database.query<{ domain: string; status: string; location_external_id: string }>(sql`
      select s.domain, f.status, f.location_external_id from fulfillment_orders f join shops s on s.id = f.shop_id
      where f.external_id = ${fo} order by s.domain`);
    expect(rows).toEqual([
      { domain: BATCHED, status: 'SCHEDULED', location_external_id: 'gid://shopify/Location/9' },
      { domain: ONE_BY_ONE, status: 'SCHEDULED', location_external_id: 'gid://shopify/Location/9' },
    ]);
  });
});
