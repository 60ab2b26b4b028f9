import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherAudit, writeGatheredAudit } from '../../core/db/audit-repo.js';
import type { InboxEvent } from '../../core/db/inbox-repo.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createShopsRepo, type Shop } from '../../core/db/shops-repo.js';
import { ingestOrder, ingestOrderVersions } from '../../core/use-cases/ingest/orders.js';
import type { HandlerResult } from '../../core/use-cases/ingest/types.js';
import { buildRestOrder } from '../helpers/builders.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const TOPICS = ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled'] as const;

/** One order version as a webhook brings it: the fields the version rule, routing and the row read. */
const versionArb = fc.record({
  topic: fc.constantFrom(...TOPICS),
  second: fc.integer({ min: 0, max: 2 }),
  observedMs: fc.integer({ min: 0, max: 3 }),
  paid: fc.boolean(),
  cancelled: fc.boolean(),
  fulfilled: fc.boolean(),
  locale: fc.constantFrom(null, 'fr-FR', 'de-DE'),
  quantityLeft: fc.integer({ min: 1, max: 2 }),
  secondLine: fc.boolean(),
  tag: fc.constantFrom('a', 'b'),
});
type Version = typeof versionArb extends fc.Arbitrary<infer T> ? T : never;

let nextId = 9500;
let nextEvent = 1;

function payloadOf(id: number, v: Version) {
  const lines = [{ id: id * 10 + 1, sku: 'MUG', quantity: 2, currentQuantity: v.quantityLeft }];
  if (v.secondLine) lines.push({ id: id * 10 + 2, sku: 'BOWL', quantity: 1, currentQuantity: 1 });
  return {
    ...buildRestOrder({
      id,
      updatedAt: `2026-12-03T10:00:0${v.second}Z`,
      financialStatus: v.paid ? 'paid' : 'pending',
      cancelledAt: v.cancelled ? `2026-12-03T10:00:0${v.second}Z` : undefined,
      lines,
    }),
    tags: v.tag,
    customer_locale: v.locale,
    fulfillment_status: v.fulfilled ? 'fulfilled' : null,
  };
}

/** An inbox row as the handlers read it; the trigger time is the version's observation instant. */
function eventOf(v: Version): InboxEvent {
  const n = nextEvent++;
  return {
    id: n,
    eventId: `e-${n}`,
    topic: v.topic,
    triggeredAt: new Date(Date.UTC(2026, 11, 3, 10, 0, 5, v.observedMs)),
    receivedAt: new Date(Date.UTC(2026, 11, 3, 10, 0, 5, 9)),
  } as InboxEvent;
}

/**
 * Property: the versions of an order an ingest batch writes at once leave the row, lines,
 * timeline and routing runs that `ingestOrder` applying them one after the other leaves, whatever
 * was held before (nothing, older or newer versions, a routed, shipped or backordered order).
 */
describe('order versions collapsed in an ingest batch', () => {
  let t: TestContext;
  let batched: Shop;
  let single: Shop;

  beforeAll(async () => {
    t = await createTestContext();
    batched = await createShopsRepo(t.ctx.db).activate('collapse-batch.myshopify.com');
    single = await createShopsRepo(t.ctx.db).activate('collapse-single.myshopify.com');
  });
  afterAll(async () => {
    await t.close();
  });

  async function state(shop: Shop, id: number, followUps: HandlerResult[]) {
    const ref = `gid://shopify/Order/${id}`;
    const q = t.ctx.database.query;
    const [order] = await q<{ id: number }>(sql`select id, name, financial_status, tags, status, cancelled_at,
        customer_locale, source_updated_at, source_observed_at, plan_fingerprint
        from orders where shop_id = ${shop.id} and external_id = ${ref}`);
    const orderId = order ? String(order.id) : 'none';
    const { id: _id, ...row } = order ?? { id: 0 };
    return {
      row,
      lines: await q(sql`select l.external_id, l.sku, l.quantity, l.current_quantity from order_lines l
          join orders o on o.id = l.order_id where o.shop_id = ${shop.id} and o.external_id = ${ref} order by l.id`),
      timeline: await q(sql`select action, data - 'eventId' - 'inboxId' as data from audit_log
          where shop_id = ${shop.id} and entity = 'order' and entity_id = ${orderId} order by id`),
      followUps: followUps.map((r) => ({
        outcome: r.outcome,
        jobs: (r.followUps ?? []).map((f) => {
          const { shopId: _s, orderId: _o, ...payload } = f.payload as Record<string, unknown>;
          return `${f.queue} ${f.jobId.replace(orderId, 'X')} ${JSON.stringify(payload)}`;
        }),
      })),
    };
  }

  it('leaves what the versions one by one leave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(versionArb, { minLength: 0, maxLength: 2 }),
        fc.constantFrom(null, 'routed', 'shipped', 'backordered'),
        fc.array(versionArb, { minLength: 1, maxLength: 4 }),
        async (heldBefore, heldStatus, versions) => {
          const id = nextId++;
          const one = async (shop: Shop, v: Version) =>
            t.ctx.db.transaction((tx) => ingestOrder(tx, shop, payloadOf(id, v), eventOf(v), ctx));
          for (const shop of [batched, single]) {
            for (const v of heldBefore) await one(shop, v);
            const held = await createOrdersRepo(t.ctx.db).byExternalId(shop.id, 'shopify', `gid://shopify/Order/${id}`);
            if (held && heldStatus) await createOrdersRepo(t.ctx.db).setStatus(shop.id, held.id, heldStatus);
          }
          // the same events, with the same trigger times, to both shops
          const events = versions.map((v) => ({ v, event: eventOf(v) }));
          const fromBatch = await t.ctx.db.transaction(async (tx) => {
            gatherAudit(tx);
            const r = await ingestOrderVersions(
              tx,
              batched,
              events.map(({ v, event }) => ({ event, payload: payloadOf(id, v) })),
            );
            await writeGatheredAudit(tx);
            return r;
          });
          const oneByOne: HandlerResult[] = [];
          for (const { v, event } of events)
            oneByOne.push(await t.ctx.db.transaction((tx) => ingestOrder(tx, single, payloadOf(id, v), event, ctx)));
          expect(await state(batched, id, fromBatch)).toEqual(await state(single, id, oneByOne));
        },
      ),
      { numRuns: 100 },
    );
  });
});

const ctx = { email: { appUrl: undefined, appCanSend: false } };
