import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailOutboxRepo } from '../../core/db/email-outbox-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { pruneInbox } from '../../core/use-cases/prune-inbox.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { buildApp } from '../../server/app.js';
import { buildRestOrder } from '../helpers/builders.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

const SHOP = 'erase-me.myshopify.com';
const CAMILLE = {
  email: 'camille.erase@example.fr',
  phone: '+33611223344',
  street: '12 rue de la Paix',
  last: 'Durandal',
};
const OTHER = 'someone.else@example.fr';

describe('erasure reaches every copy of personal data', () => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** Every row of every table, as text, that contains the needle. */
  async function tablesHolding(needle: string): Promise<string[]> {
    const tables = await t.ctx.database.query<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { table_name } of tables) {
      const [row] = await t.ctx.database.query<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table_name)} x where position(lower(${needle}) in lower(x::text)) > 0`,
      );
      if (Number(row!.n) > 0) found.push(table_name);
    }
    return found;
  }

  async function deliver(topic: string, body: object, eventId: string) {
    const res = await app.inject(
      signedWebhook(body, {
        topic,
        shop: SHOP,
        eventId,
        url: topic.includes('redact') || topic.includes('data_request') ? '/webhooks/compliance' : '/webhooks',
      }),
    );
    expect(res.statusCode).toBe(200);
    const [row] = await t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = ${eventId}`,
    );
    const out = await ingestEvent(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth },
      { inboxId: Number(row!.id), finalAttempt: true },
    );
    expect(out.status, JSON.stringify(out)).toBe('processed');
  }

  function camilleOrder(id: number, email: string, customerId: number) {
    const o = buildRestOrder({ id, email, customerId, lines: [{ id: id * 10, sku: 'MUG', quantity: 1 }] });
    return {
      ...o,
      phone: email === CAMILLE.email ? CAMILLE.phone : '+33700000001',
      shipping_address: {
        ...o.shipping_address,
        last_name: email === CAMILLE.email ? CAMILLE.last : 'Autre',
        address1: email === CAMILLE.email ? CAMILLE.street : '1 place Bellecour',
        phone: email === CAMILLE.email ? CAMILLE.phone : '+33700000000',
      },
    };
  }

  it('customers/redact leaves no trace of the customer anywhere in the database', async () => {
    const shop = await createShopsRepo(t.ctx.db).activate(SHOP, {
      email: 'owner@erase-me.example',
      currency: 'EUR',
      timezone: 'Europe/Paris',
    });
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    await receive(t.ctx.db, shop.id, wh.id, await seedSku(t.ctx.db, shop.id, 'MUG'), 10);

    await deliver('orders/create', camilleOrder(7001, CAMILLE.email, 555), 'o-7001');
    await deliver('orders/create', camilleOrder(7002, OTHER, 777), 'o-7002');
    await deliver(
      'returns/request',
      {
        id: 91,
        admin_graphql_api_id: 'gid://shopify/Return/91',
        name: '#7001-R1',
        status: 'requested',
        order: { id: 7001, admin_graphql_api_id: 'gid://shopify/Order/7001' },
        note: `call ${CAMILLE.phone}`,
      },
      'r-91',
    );
    await deliver(
      'customers/data_request',
      {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: 555, email: CAMILLE.email, phone: CAMILLE.phone },
        orders_requested: [7001],
        data_request: { id: 1 },
      },
      'dr-1',
    );
    const [order] = await t.ctx.database.query<{ id: number }>(
      sql`select id from orders where external_id = 'gid://shopify/Order/7001'`,
    );
    expect(
      (
        await routeOrder(
          { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
          { shopId: shop.id, orderId: Number(order!.id), reason: 'test' },
        )
      ).status,
    ).toBe('routed');

    // a shipping e-mail to Camille, one still waiting to go, and one to another customer
    const outbox = createEmailOutboxRepo(t.ctx.db);
    const [other] = await t.ctx.database.query<{ id: number }>(
      sql`select id from orders where external_id = 'gid://shopify/Order/7002'`,
    );
    const card = { firstName: 'Camille', lastName: CAMILLE.last, address: CAMILLE.street, phone: CAMILLE.phone };
    await outbox.insertOnce({
      shopId: shop.id,
      orderId: Number(order!.id),
      subjectKey: 'order:7001',
      kind: 'shipped',
      toAddress: CAMILLE.email,
      locale: 'fr',
      data: card,
      subject: `Colis pour ${CAMILLE.last}`,
      status: 'sent',
    });
    const waiting = (
      await outbox.insertOnce({
        shopId: shop.id,
        orderId: Number(order!.id),
        subjectKey: 'order:7001',
        kind: 'delivered',
        toAddress: CAMILLE.email,
        locale: 'fr',
        data: card,
      })
    ).row;
    await outbox.insertOnce({
      shopId: shop.id,
      orderId: Number(other!.id),
      subjectKey: 'order:7002',
      kind: 'shipped',
      toAddress: OTHER,
      locale: 'fr',
      data: {},
    });

    for (const needle of Object.values(CAMILLE)) expect(await tablesHolding(needle), needle).not.toEqual([]);

    await deliver(
      'customers/redact',
      {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: 555, email: CAMILLE.email, phone: CAMILLE.phone },
        orders_to_redact: [7001],
      },
      'cr-1',
    );

    for (const needle of Object.values(CAMILLE)) expect(await tablesHolding(needle), needle).toEqual([]);
    expect(await tablesHolding(OTHER)).toContain('orders');
    expect(await tablesHolding(OTHER)).toContain('email_outbox');
    // the message still waiting is never sent to an address that is gone
    const [after] = await t.ctx.database.query<{ status: string }>(
      sql`select status from email_outbox where id = ${waiting.id}`,
    );
    expect(after!.status).toBe('skipped');
  });

  it("shop/redact erases the shop's customers and its own contact", async () => {
    await deliver('shop/redact', { shop_id: 1, shop_domain: SHOP }, 'sr-1');
    for (const needle of [OTHER, 'owner@erase-me.example', '+33700000000', '1 place Bellecour'])
      expect(await tablesHolding(needle), needle).toEqual([]);
  });

  it('prunes processed raw bodies after the retention period and keeps dead letters', async () => {
    const res = await app.inject(signedWebhook({ id: 1 }, { topic: 'orders/create', shop: SHOP, eventId: 'dead-one' }));
    expect(res.statusCode).toBe(200);
    await t.ctx.database.query(
      sql`update inbox_events set status = 'dead', received_at = now() - interval '400 days' where event_id = 'dead-one'`,
    );
    await t.ctx.database.query(
      sql`update inbox_events set received_at = now() - interval '31 days', processed_at = now() - interval '31 days' where event_id in ('o-7002', 'r-91')`,
    );
    const out = await pruneInbox({ db: t.ctx.db, log: t.ctx.log }, { processedRetentionDays: 30 });
    expect(out.pruned).toBe(2);
    const left = await t.ctx.database.query<{ event_id: string }>(
      sql`select event_id from inbox_events order by event_id`,
    );
    expect(left.map((r) => r.event_id)).toContain('dead-one');
    expect(left.map((r) => r.event_id)).not.toContain('o-7002');
    expect(left.map((r) => r.event_id)).toContain('o-7001');
  });
});
