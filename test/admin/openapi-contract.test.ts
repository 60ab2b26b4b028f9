import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocationLines,
  allocations,
  emailOutbox,
  inboxEvents,
  orderLines,
  shipmentLines,
  shipments,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import { createAuditRepo } from '../../core/db/audit-repo.js';
import { createPrivacyRepo } from '../../core/db/privacy-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { receive, seedOrder, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
}

/** One call of the admin API: method, path as the document names it, the concrete URL and its body. */
interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  url: string;
  body?: unknown;
}

const ptr = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

describe('admin API: every route answers what /api/admin/openapi.json says', () => {
  let s: SimApp;
  let token: string;
  let doc: OpenApiDoc;
  let ajv: Ajv2020;
  let mirakl: MiraklSim;
  let miraklUrl: string;
  const ids = {
    shipment: 0,
    order: 0,
    orderLine: 0,
    warehouse: 0,
    key: 0,
    sku: 0,
    alert: 0,
    deadLetter: 0,
    privacy: 0,
    allocation: 0,
    email: 0,
  };

  beforeAll(async () => {
    s = await startSimApp();
    mirakl = createMiraklSim({ apiKey: 'contract-key', shopName: 'Contrat sur Fnac' });
    miraklUrl = await mirakl.start(0);
    token = await simShop(s.sim, 'contract.myshopify.com');
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const db = s.t.ctx.db;
    const shop = (await createShopsRepo(db).byDomain('contract.myshopify.com'))!;
    const wh = await seedWarehouse(db, shop.id, { name: 'Paris', costs: { FR: 5 } });
    ids.warehouse = wh.id;
    ids.sku = await seedSku(db, shop.id, 'THE-VERT', '9.00');
    await receive(db, shop.id, wh.id, ids.sku, 5);
    for (let i = 1; i < 21; i++)
      await seedOrder(db, shop.id, {
        lines: [{ sku: 'THE-VERT', quantity: 2, price: '9.00' }],
        placedAt: new Date(Date.now() - i * 86_400_000),
      });
    ids.order = await seedOrder(db, shop.id, { lines: [{ sku: 'THE-VERT', quantity: 1, price: '9.00' }] });
    expect(
      (
        await routeOrder(
          { db, queues: s.t.ctx.queues, log: s.t.ctx.log },
          { shopId: shop.id, orderId: ids.order, reason: 'test' },
        )
      ).status,
    ).toBe('routed');
    const [alloc] = await db.select().from(allocations).where(eq(allocations.orderId, ids.order));
    ids.allocation = alloc!.id;
    await db.update(allocations).set({ dispatchError: 'HTTP 500 from the 3PL' }).where(eq(allocations.id, alloc!.id));
    const [parcel] = await db
      .insert(shipments)
      .values({
        shopId: shop.id,
        allocationId: alloc!.id,
        idempotencyKey: 'p-1',
        carrier: 'colissimo',
        trackingNumbers: ['6A1'],
        shippedAt: new Date(),
      })
      .returning();
    await db.insert(trackingEvents).values({
      shopId: shop.id,
      shipmentId: parcel!.id,
      status: 'in_transit',
      occurredAt: new Date(),
      description: 'Pris en charge',
    });
    // its tracking push failed after every retry: listed and replayable
    await db
      .update(shipments)
      .set({ pushStatus: 'failed', pushResult: { error: 'no open fulfillment order holds these items' } })
      .where(eq(shipments.id, parcel!.id));
    ids.shipment = parcel!.id;
    // the parcel carries the order's one unit, so the merchant can ask for its return
    const [allocLine] = await db.select().from(allocationLines).where(eq(allocationLines.allocationId, alloc!.id));
    await db
      .insert(shipmentLines)
      .values({ shopId: shop.id, shipmentId: parcel!.id, allocationLineId: allocLine!.id, quantity: 1 });
    ids.orderLine = allocLine!.orderLineId;
    expect((await db.select().from(orderLines).where(eq(orderLines.id, ids.orderLine)))[0]?.orderId).toBe(ids.order);
    // two e-mails the sender gave up on: one retried by id, the other with the rest
    const parked = await db
      .insert(emailOutbox)
      .values(
        [1, 2].map((n) => ({
          shopId: shop.id,
          orderId: ids.order,
          shipmentId: parcel!.id,
          subjectKey: `shipment:${parcel!.id}:${n}`,
          kind: 'shipped',
          toAddress: 'client@example.fr',
          locale: 'fr',
          data: {},
          subject: 'Votre commande est en route',
          status: 'parked' as const,
          attempts: 5,
          lastError: 'SMTP 421',
        })),
      )
      .returning();
    ids.email = parked[0]!.id;
    await createAuditRepo(db).record(shop.id, 'order', String(ids.order), 'note', 'test', { why: 'a timeline entry' });
    await recomputeReplenishment({ database: s.t.ctx.database, log: s.t.ctx.log }, { shopId: shop.id, full: true });
    const [dead] = await db
      .insert(inboxEvents)
      .values({
        source: 'shopify',
        eventId: 'ev-dead-1',
        shopDomain: shop.domain,
        topic: 'orders/create',
        body: '{"id":1}',
        status: 'dead',
        attempts: 5,
        lastError: 'boom',
      })
      .returning();
    ids.deadLetter = dead!.id;
    await createPrivacyRepo(db).record(shop.id, {
      topic: 'customers/data_request',
      customerExternalId: 'gid://shopify/Customer/1',
      export: { orders: [] },
      summary: { orders: 0 },
    });
    ids.privacy = (await createPrivacyRepo(db).list(shop.id))[0]!.id;
    const run = await createSyncRepo(db).startRun(shop.id, null);
    await createSyncRepo(db).finishRun(shop.id, run, {
      status: 'completed',
      checked: 3,
      repaired: 1,
      details: [{ externalId: 'gid://shopify/Order/9', name: '#9', what: 'missed' }],
      cursorTo: new Date(),
      error: null,
    });
    await createSyncRepo(db).startImport(shop.id);

    const res = await s.app.inject('/api/admin/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'openapi.json');
  }, 60_000);
  afterAll(async () => {
    await mirakl.stop();
    await s.close();
  });

  const send = (c: Call) =>
    s.app.inject({
      method: c.method.toUpperCase() as 'GET',
      url: `/api/admin${c.url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(c.body === undefined ? {} : { payload: c.body as object }),
    });

  /** Validates a body against the document's schema for (path, method, status); returns ajv's errors. */
  function check(c: Call, status: number, contentType: string, body: unknown) {
    const responses = doc.paths[c.path]?.[c.method]?.responses;
    const key = responses?.[String(status)] ? String(status) : status >= 400 ? 'default' : String(status);
    const response = responses?.[key];
    if (!response)
      return [{ message: `the document has no ${status} response for ${c.method.toUpperCase()} ${c.path}` }];
    if (!response.content)
      return body === '' ? [] : [{ message: `${status} has no content in the document, got a body` }];
    const type = contentType.split(';')[0]!.trim();
    if (!response.content[type]) return [{ message: `the document has no ${type} content for ${status}` }];
    const validate = ajv.compile({
      $ref: `openapi.json#/paths/${ptr(c.path)}/${c.method}/responses/${key}/content/${ptr(type)}/schema`,
    });
    return validate(body) ? [] : validate.errors;
  }

  it('is public, OpenAPI 3.1, and describes the routes under /api/admin', async () => {
    expect((await s.app.inject('/api/admin/openapi.json')).headers['content-type']).toContain('application/json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/admin' }]);
    expect(Object.keys(doc.paths)).toContain('/orders/{id}');
    // every operation declares a real schema for its success answer, not an empty one
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
        expect(ok.length, `${method} ${path} has a success response`).toBeGreaterThan(0);
        for (const [, r] of ok)
          for (const c of Object.values(r.content ?? {}))
            expect(Object.keys(c.schema as object).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // the 3PL feed keeps its own document
    const feed = (await s.app.inject('/feed/v1/openapi.json')).json();
    expect(Object.keys(feed.paths).some((p) => p.startsWith('/orders') || p.startsWith('/shop'))).toBe(false);
  });

  it('answers every documented operation within its response schema', async () => {
    const calls: Call[] = [
      { method: 'get', path: '/shop', url: '/shop' },
      { method: 'patch', path: '/settings', url: '/settings', body: { language: 'fr' } },
      { method: 'get', path: '/imports/latest', url: '/imports/latest' },
      { method: 'post', path: '/imports', url: '/imports' },
      { method: 'get', path: '/reconciliation', url: '/reconciliation' },
      { method: 'post', path: '/reconciliation/run', url: '/reconciliation/run' },
      { method: 'get', path: '/privacy', url: '/privacy' },
      { method: 'get', path: '/privacy/{id}/export', url: `/privacy/${ids.privacy}/export` },
      { method: 'get', path: '/overview', url: '/overview' },
      { method: 'get', path: '/orders', url: '/orders?limit=5' },
      { method: 'get', path: '/orders/{id}', url: `/orders/${ids.order}` },
      { method: 'get', path: '/channels', url: '/channels' },
      { method: 'get', path: '/dead-letters', url: '/dead-letters' },
      { method: 'get', path: '/dead-letters/{id}', url: `/dead-letters/${ids.deadLetter}` },
      { method: 'post', path: '/dead-letters/{id}/replay', url: `/dead-letters/${ids.deadLetter}/replay` },
      { method: 'post', path: '/dead-letters/replay-all', url: '/dead-letters/replay-all' },
      { method: 'get', path: '/dispatch-failures', url: '/dispatch-failures' },
      { method: 'post', path: '/dispatch-failures/replay', url: '/dispatch-failures/replay', body: { ids: 'all' } },
      { method: 'get', path: '/tracking-push-failures', url: '/tracking-push-failures' },
      {
        method: 'post',
        path: '/tracking-push-failures/{id}/replay',
        url: `/tracking-push-failures/${ids.shipment}/replay`,
      },
      { method: 'post', path: '/tracking-push-failures/replay-all', url: '/tracking-push-failures/replay-all' },
      { method: 'get', path: '/warehouses', url: '/warehouses' },
      { method: 'get', path: '/warehouses/{id}', url: `/warehouses/${ids.warehouse}` },
      {
        method: 'post',
        path: '/warehouses',
        url: '/warehouses',
        body: {
          name: 'Lyon',
          code: 'LYO',
          address: { city: 'Lyon', countryCode: 'FR' },
          timezone: 'Europe/Paris',
          cutoffTime: '14:00',
          workingDays: [1, 2, 3, 4, 5],
          zones: [{ code: 'FR', countries: ['FR'] }],
          serviceLevels: [{ code: 'std', name: 'Standard', transitDays: { FR: 2 } }],
          costs: { FR: 6 },
        },
      },
      { method: 'get', path: '/warehouses/{id}/keys', url: `/warehouses/${ids.warehouse}/keys` },
      {
        method: 'post',
        path: '/warehouses/{id}/keys',
        url: `/warehouses/${ids.warehouse}/keys`,
        body: { label: 'robot' },
      },
      { method: 'get', path: '/locations', url: '/locations' },
      { method: 'get', path: '/routing-rules', url: '/routing-rules' },
      {
        method: 'post',
        path: '/routing-rules/simulations',
        url: '/routing-rules/simulations',
        body: { rules: [], days: 30 },
      },
      { method: 'get', path: '/stock', url: '/stock' },
      { method: 'get', path: '/stock.csv', url: '/stock.csv' },
      { method: 'get', path: '/skus/{id}', url: `/skus/${ids.sku}?days=30` },
      { method: 'patch', path: '/skus/{id}', url: `/skus/${ids.sku}`, body: { supplier: 'Fournisseur', packSize: 6 } },
      { method: 'get', path: '/alerts', url: '/alerts' },
      { method: 'get', path: '/purchase-orders', url: '/purchase-orders' },
      { method: 'get', path: '/purchase-orders.csv', url: '/purchase-orders.csv' },
      { method: 'get', path: '/suppliers', url: '/suppliers' },
      { method: 'get', path: '/stock-settings', url: '/stock-settings' },
      { method: 'post', path: '/stock/recompute', url: '/stock/recompute' },
      { method: 'get', path: '/stock/accuracy', url: '/stock/accuracy' },
      {
        method: 'post',
        path: '/orders/{id}/hold',
        url: `/orders/${ids.order}/hold`,
        body: { reason: 'address check' },
      },
      { method: 'post', path: '/orders/{id}/release', url: `/orders/${ids.order}/release` },
      { method: 'post', path: '/orders/{id}/reroute', url: `/orders/${ids.order}/reroute`, body: { fresh: false } },
      { method: 'post', path: '/orders/reroute', url: '/orders/reroute', body: { orderIds: [ids.order] } },
      { method: 'post', path: '/orders/{id}/cancel-at-3pl', url: `/orders/${ids.order}/cancel-at-3pl` },
      {
        method: 'post',
        path: '/returns',
        url: '/returns',
        body: {
          orderId: ids.order,
          lines: [
            { orderLineId: ids.orderLine, quantity: 1, reason: 'damaged_in_transit', note: 'Le carton était écrasé' },
          ],
          trackingNumber: '6A999',
        },
      },
      { method: 'get', path: '/returns', url: '/returns?limit=5' },
      { method: 'get', path: '/returns/analytics', url: '/returns/analytics' },
      { method: 'get', path: '/returns/policy', url: '/returns/policy' },
      { method: 'get', path: '/emails', url: '/emails?status=parked,sent' },
      { method: 'post', path: '/emails/{id}/retry', url: `/emails/${ids.email}/retry` },
      { method: 'post', path: '/emails/retry-parked', url: '/emails/retry-parked' },
      { method: 'get', path: '/emails/kinds', url: '/emails/kinds' },
      { method: 'get', path: '/emails/preview/{kind}', url: '/emails/preview/shipped?lang=fr' },
      {
        method: 'post',
        path: '/channel-accounts',
        url: '/channel-accounts',
        body: {
          kind: 'mirakl',
          name: 'Fnac Darty',
          code: 'fnac',
          baseUrl: miraklUrl,
          apiKey: 'contract-key',
          carriers: [{ code: 'COLISSIMO', label: 'Colissimo' }],
        },
      },
      { method: 'get', path: '/channel-accounts', url: '/channel-accounts' },
    ];
    const failures: string[] = [];
    const run = async (c: Call, expected?: number) => {
      const res = await send(c);
      if (expected === undefined ? res.statusCode >= 300 : res.statusCode !== expected) {
        failures.push(`${c.method.toUpperCase()} ${c.url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res;
      }
      const type = String(res.headers['content-type'] ?? '');
      const body = type.includes('json') ? res.json() : res.body;
      const errors = check(c, res.statusCode, type, body);
      if (errors?.length)
        failures.push(
          `${c.method.toUpperCase()} ${c.url} (${res.statusCode}): ${JSON.stringify(errors).slice(0, 600)}`,
        );
      return res;
    };
    for (const c of calls) await run(c);

    // the calls that need what the ones above returned
    const later = calls.length;
    const rules = (await send({ method: 'get', path: '/routing-rules', url: '/routing-rules' })).json();
    calls.push({
      method: 'put',
      path: '/routing-rules',
      url: '/routing-rules',
      body: { rules: rules.rules, version: rules.version },
    });
    const simulation = (
      await send({
        method: 'post',
        path: '/routing-rules/simulations',
        url: '/routing-rules/simulations',
        body: { rules: rules.rules, days: 7 },
      })
    ).json();
    calls.push({
      method: 'get',
      path: '/routing-rules/simulations/{id}',
      url: `/routing-rules/simulations/${simulation.id}`,
    });
    const settings = (await send({ method: 'get', path: '/stock-settings', url: '/stock-settings' })).json();
    calls.push({
      method: 'put',
      path: '/stock-settings',
      url: '/stock-settings',
      body: { ...settings.settings, serviceLevel: 0.97 },
    });
    const alert = (await send({ method: 'get', path: '/alerts', url: '/alerts' }))
      .json()
      .groups.flatMap((g: { items: { id: number }[] }) => g.items)[0];
    expect(alert, 'the seeded SKU raises at least one alert').toBeDefined();
    calls.push({ method: 'post', path: '/alerts/{id}/snooze', url: `/alerts/${alert.id}/snooze`, body: { days: 3 } });
    calls.push({ method: 'post', path: '/alerts/{id}/resolve', url: `/alerts/${alert.id}/resolve` });
    const warehouse = (
      await send({ method: 'get', path: '/warehouses/{id}', url: `/warehouses/${ids.warehouse}` })
    ).json();
    const {
      id: _id,
      hasPushSecret: _h,
      pushSecretPreviousValidUntil: _p,
      createdAt: _c,
      updatedAt: _u,
      locationExternalId: _l,
      fulfillmentServiceExternalId: _f,
      countryCode: _cc,
      ...input
    } = warehouse;
    calls.push({
      method: 'put',
      path: '/warehouses/{id}',
      url: `/warehouses/${ids.warehouse}`,
      body: { ...input, address: { ...input.address, countryCode: 'FR' }, priority: 5 },
    });
    const pushing = (
      await send({
        method: 'post',
        path: '/warehouses',
        url: '/warehouses',
        body: {
          ...input,
          code: 'PUSH',
          name: 'Push 3PL',
          dispatchStyle: 'http',
          pushUrl: 'https://3pl.example.com/hooks',
          address: { ...input.address, countryCode: 'FR' },
          location: { mode: 'none' },
        },
      })
    ).json();
    calls.push({
      method: 'post',
      path: '/warehouses/{id}/push-secret',
      url: `/warehouses/${pushing.warehouse.id}/push-secret`,
      body: { overlapHours: 12 },
    });
    const key = (
      await send({ method: 'get', path: '/warehouses/{id}/keys', url: `/warehouses/${ids.warehouse}/keys` })
    ).json().items[0];
    calls.push({
      method: 'delete',
      path: '/warehouses/{id}/keys/{keyId}',
      url: `/warehouses/${ids.warehouse}/keys/${key.id}`,
    });
    const policy = (await send({ method: 'get', path: '/returns/policy', url: '/returns/policy' })).json();
    calls.push({
      method: 'put',
      path: '/returns/policy',
      url: '/returns/policy',
      body: { ...policy, autoApprove: false, returnWarehouseIds: [ids.warehouse] },
    });
    const ret = (await send({ method: 'get', path: '/returns', url: '/returns' })).json().items[0];
    expect(ret, "the merchant's return was recorded").toMatchObject({ orderId: ids.order, status: 'approved' });
    calls.push({ method: 'get', path: '/returns/{id}', url: `/returns/${ret.id}` });
    calls.push({
      method: 'post',
      path: '/returns/{id}/actions',
      url: `/returns/${ret.id}/actions`,
      body: {
        type: 'ship',
        trackingNumber: '6A999',
        trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A999',
      },
    });
    calls.push({ method: 'get', path: '/returns/{id}/slip', url: `/returns/${ret.id}/slip?lang=fr` });
    const account = (await send({ method: 'get', path: '/channel-accounts', url: '/channel-accounts' })).json()
      .accounts[0];
    expect(account, 'the Mirakl account was connected').toMatchObject({ kind: 'mirakl', code: 'fnac' });
    calls.push({ method: 'post', path: '/channel-accounts/{id}/test', url: `/channel-accounts/${account.id}/test` });
    for (const c of calls.slice(later)) await run(c);
    // the demo mailbox answers its documented 404 unless DEMO_MAILBOX_URL names the demo's SMTP sink
    expect(s.t.ctx.config.email.demoMailboxUrl).toBeUndefined();
    const mailbox: Call = { method: 'get', path: '/mailbox', url: '/mailbox' };
    calls.push(mailbox);
    await run(mailbox, 404);

    // errors answer in the documented error shape
    for (const c of [
      { method: 'get', path: '/orders/{id}', url: '/orders/999999' },
      { method: 'post', path: '/orders/{id}/hold', url: `/orders/${ids.order}/hold`, body: { reason: '' } },
      // a line that is not on the order: the use case refuses it with a 422 in the error shape
      {
        method: 'post',
        path: '/returns',
        url: '/returns',
        body: { orderId: ids.order, lines: [{ orderLineId: 999999, quantity: 1, reason: 'damaged_in_transit' }] },
      },
      { method: 'get', path: '/returns/{id}/slip', url: '/returns/999999/slip' },
    ] as Call[]) {
      const res = await send(c);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      const errors = check(c, res.statusCode, String(res.headers['content-type']), res.json());
      if (errors?.length)
        failures.push(
          `${c.method.toUpperCase()} ${c.url} (${res.statusCode}): ${JSON.stringify(errors).slice(0, 600)}`,
        );
    }
    expect(failures).toEqual([]);
    // every operation the document lists was called, and every call is documented
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const called = [...new Set(calls.map((c) => `${c.method.toUpperCase()} ${c.path}`))].sort();
    expect(called).toEqual(documented);
  }, 120_000);

  it('rejects an answer that is off its schema', () => {
    const c: Call = { method: 'get', path: '/orders/{id}', url: '' };
    expect(check(c, 200, 'application/json', { order: { id: 'not-a-number' } })?.length).toBeGreaterThan(0);
    expect(
      check({ method: 'get', path: '/overview', url: '' }, 200, 'application/json', { waitingToRoute: 1 })?.length,
    ).toBeGreaterThan(0);
    expect(check({ method: 'get', path: '/shop', url: '' }, 418, 'application/json', {})?.length).toBeGreaterThan(0);
    expect(check({ method: 'get', path: '/shop', url: '' }, 201, 'application/json', {})?.length).toBeGreaterThan(0);
  });
});
