import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminOrderBlockSchema,
  adminProductBlockSchema,
  customerOrderStatusSchema,
} from '../../core/contracts/extensions.js';
import { createAllocationsRepo } from '../../core/db/allocations-repo.js';
import { createReturnsRepo } from '../../core/db/returns-repo.js';
import { defaultReturnPolicy } from '../../core/domain/returns/policy.js';
import { createShopsRepo, type Shop } from '../../core/db/shops-repo.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { recordTrackingEvent } from '../../core/use-cases/feed/record-tracking-event.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { allocations, auditLog, channelStockPushes, orders, skus } from '../../drizzle/schema/index.js';
import { receive, seedOrder, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SECRET = 'demo-api-secret';
const CUSTOMER_1 = 'gid://shopify/Customer/1101';
const CUSTOMER_2 = 'gid://shopify/Customer/2202';

/** A customer-account extension token as Shopify mints it: bare `dest`, no `iss`, `sub` = customer GID. */
async function customerToken(
  claims: { dest: string; sub?: string; aud?: string; exp?: number },
  secret = SECRET,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: claims.dest, ...(claims.sub ? { sub: claims.sub } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(claims.aud ?? 'demo-api-key')
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(claims.exp ?? now + 300)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(secret));
}

describe('extension API: admin blocks and the customer-account block', () => {
  let s: SimApp;
  let tokenA: string;
  let tokenB: string;
  let shopA: Shop;
  let shippedOrder: { id: number; gid: string };
  let routedOrder: { id: number; gid: string };
  let skuId: number;

  beforeAll(async () => {
    s = await startSimApp();
    tokenA = await simShop(s.sim, 'ext-a.myshopify.com');
    tokenB = await simShop(s.sim, 'ext-b.myshopify.com');
    for (const tok of [tokenA, tokenB])
      expect(
        (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tok}` } })).statusCode,
      ).toBe(200);
    shopA = (await createShopsRepo(s.t.ctx.db).byDomain('ext-a.myshopify.com'))!;
    const db = s.t.ctx.db;
    const paris = await seedWarehouse(db, shopA.id, { name: 'Paris', costs: { FR: 5 } });
    const lyon = await seedWarehouse(db, shopA.id, { name: 'Lyon', costs: { FR: 9 } });
    skuId = await seedSku(db, shopA.id, 'THE-VERT', '9.00');
    await db.update(skus).set({ productExternalId: 'gid://shopify/Product/700' }).where(eq(skus.id, skuId));
    await receive(db, shopA.id, paris.id, skuId, 10);
    await receive(db, shopA.id, lyon.id, skuId, 3);
    const deps = { db, queues: s.t.ctx.queues, log: s.t.ctx.log };

    const first = await seedOrder(db, shopA.id, { lines: [{ sku: 'THE-VERT', quantity: 2, price: '9.00' }] });
    const second = await seedOrder(db, shopA.id, { lines: [{ sku: 'THE-VERT', quantity: 1, price: '9.00' }] });
    await db.update(orders).set({ customerExternalId: CUSTOMER_1 }).where(eq(orders.id, first));
    await db.update(orders).set({ customerExternalId: CUSTOMER_2 }).where(eq(orders.id, second));
    for (const id of [first, second])
      expect((await routeOrder(deps, { shopId: shopA.id, orderId: id, reason: 'test' })).status).toBe('routed');

    const [alloc] = await db.select().from(allocations).where(eq(allocations.orderId, first));
    await createAllocationsRepo(db).transition(shopA.id, alloc!.id, ['reserved'], 'ready');
    const [line] = await createAllocationsRepo(db).lines(shopA.id, [alloc!.id]);
    const who = { keyId: 0, shopId: shopA.id, warehouseId: alloc!.warehouseId };
    const shipped = await recordShipment(
      { db, queues: s.t.ctx.queues },
      {
        who,
        allocationId: alloc!.id,
        idempotencyKey: 'parcel-1',
        lines: [{ lineId: line!.id, quantity: 2 }],
        carrier: 'Colissimo',
        trackingNumbers: ['6A12345678901'],
        trackingUrl: null,
        shippedAt: new Date(Date.now() - 86_400_000),
      },
    );
    await recordTrackingEvent(
      { db, queues: s.t.ctx.queues },
      {
        who,
        shipmentId: shipped.shipmentId,
        status: 'in_transit',
        occurredAt: new Date(Date.now() - 3_600_000),
        description: 'Pris en charge',
        location: 'Paris',
      },
    );

    const gidOf = async (id: number) =>
      (await db.select({ g: orders.externalId }).from(orders).where(eq(orders.id, id)))[0]!.g;
    shippedOrder = { id: first, gid: await gidOf(first) };
    routedOrder = { id: second, gid: await gidOf(second) };
    for (let i = 0; i < 20; i++)
      await seedOrder(db, shopA.id, {
        lines: [{ sku: 'THE-VERT', quantity: 2, price: '9.00' }],
        placedAt: new Date(Date.now() - (i + 1) * 86_400_000),
      });
    await recomputeReplenishment({ database: s.t.ctx.database, log: s.t.ctx.log }, { shopId: shopA.id, full: true });
    await db.insert(channelStockPushes).values({
      shopId: shopA.id,
      channel: 'shopify',
      skuId,
      warehouseId: paris.id,
      quantity: 6,
      pushedAt: new Date(),
    });
    await db
      .insert(channelStockPushes)
      .values({ shopId: shopA.id, channel: 'shopify', skuId, warehouseId: lyon.id, quantity: 2, pushedAt: new Date() });
  });
  afterAll(async () => s.close());

  const admin = (url: string, tok: string) =>
    s.app.inject({ url: `/api/extensions/admin${url}`, headers: { authorization: `Bearer ${tok}` } });
  const customer = (url: string, tok: string) =>
    s.app.inject({ url: `/api/extensions/customer${url}`, headers: { authorization: `Bearer ${tok}` } });
  const tamper = (tok: string) => `${tok.slice(0, -4)}${tok.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;

  it('order block: allocation per warehouse, decision, 3PL status and tracking links, for the shop asking only', async () => {
    const res = await admin(`/order?id=${encodeURIComponent(shippedOrder.gid)}`, tokenA);
    expect(res.statusCode).toBe(200);
    const body = adminOrderBlockSchema.parse(res.json());
    expect(body.allocations).toEqual([
      expect.objectContaining({
        warehouse: 'Paris',
        status: 'shipped',
        units: 2,
        shippedUnits: 2,
        lines: [{ sku: 'THE-VERT', quantity: 2, shippedQuantity: 2 }],
      }),
    ]);
    expect(body.decision).toMatchObject({
      outcome: 'single',
      warehouses: ['Paris'],
      allocatedUnits: 2,
      backorderedUnits: 0,
    });
    expect(body.decision!.text.length).toBeGreaterThan(10);
    expect(body.shipments).toEqual([
      expect.objectContaining({
        warehouse: 'Paris',
        status: 'in_transit',
        tracking: [{ number: '6A12345678901', url: expect.stringMatching(/^https:\/\/.*6A12345678901/) }],
      }),
    ]);
    expect(body.links).toEqual({
      order: `app:orders/${shippedOrder.id}`,
      trace: `app:orders/${shippedOrder.id}#trace`,
    });
    expect(body.canReroute).toBe(false);
    expect((await admin(`/order?id=${encodeURIComponent(routedOrder.gid)}`, tokenA)).json()).toMatchObject({
      canReroute: true,
      allocations: [{ status: 'reserved' }],
    });

    expect((await admin(`/order?id=${encodeURIComponent(shippedOrder.gid)}`, tokenB)).statusCode).toBe(404);
    expect((await admin(`/order?id=${encodeURIComponent('gid://shopify/Order/999999999')}`, tokenA)).statusCode).toBe(
      404,
    );
  });

  it('rejects tampered, missing and customer tokens on admin routes, and hostile ids', async () => {
    for (const auth of [
      `Bearer ${tamper(tokenA)}`,
      'Bearer nope',
      undefined,
      `Bearer ${await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 })}`,
    ]) {
      const res = await s.app.inject({
        url: `/api/extensions/admin/order?id=${encodeURIComponent(shippedOrder.gid)}`,
        headers: auth ? { authorization: auth } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_session');
    }
    for (const id of [
      'gid%3A%2F%2Fshopify%2FProduct%2F700',
      'gid%3A%2F%2Fshopify%2FOrder%2F1%00',
      '1%20or%201%3D1',
      'gid%3A%2F%2Fshopify%2FOrder%2F%ED%A0%80',
    ]) {
      const res = await admin(`/order?id=${id}`, tokenA);
      expect(res.statusCode).toBe(400);
    }
    const lone = await s.app.inject({
      method: 'POST',
      url: '/api/extensions/admin/order/reroute',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      payload: '{"id":"gid://shopify/Order/1\\ud800"}',
    });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().error.code).toBe('invalid_request');
  });

  it('re-routes through the admin use case, only for the shop asking and only while it makes sense', async () => {
    const post = (id: string, tok: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/extensions/admin/order/reroute',
        headers: { authorization: `Bearer ${tok}` },
        payload: { id },
      });
    expect((await post(routedOrder.gid, tokenB)).statusCode).toBe(404);
    expect((await post(shippedOrder.gid, tokenA)).statusCode).toBe(409);
    const res = await post(routedOrder.gid, tokenA);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ queued: 1 });
    // fresh: the untaken allocation was withdrawn and the request is in the order's history
    expect(
      (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, routedOrder.id)))[0]!.status,
    ).toBe('cancelled');
    const audit = await s.t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.shopId, shopA.id),
          eq(auditLog.entityId, String(routedOrder.id)),
          eq(auditLog.action, 'reroute_requested'),
        ),
      );
    expect(audit).toEqual([expect.objectContaining({ actor: 'merchant:ext-a.myshopify.com:order-block' })]);
  });

  it('product block: stock per warehouse, sellable per channel, reorder point, cover, alerts and the SKU link', async () => {
    const res = await admin(`/product?id=${encodeURIComponent('gid://shopify/Product/700')}`, tokenA);
    expect(res.statusCode).toBe(200);
    const body = adminProductBlockSchema.parse(res.json());
    expect(body.skus).toHaveLength(1);
    const sku = body.skus[0]!;
    expect(sku).toMatchObject({
      id: skuId,
      sku: 'THE-VERT',
      link: `app:stock/${skuId}`,
      sellable: [{ channel: 'shopify', quantity: 8, pushedAt: expect.any(String) }],
    });
    expect(sku.levels).toEqual([
      { warehouse: 'Lyon', onHand: 3, reserved: 0, available: 3 },
      { warehouse: 'Paris', onHand: 8, reserved: 0, available: 8 },
    ]);
    expect(sku.reorderPoint).toBeGreaterThan(0);
    expect(sku.daysOfCover).not.toBeNull();
    expect(sku.alerts.length).toBeGreaterThan(0);
    expect(sku.alertStatus).not.toBe('ok');
    expect((await admin(`/product?id=${encodeURIComponent('gid://shopify/Product/700')}`, tokenB)).statusCode).toBe(
      404,
    );
    expect((await admin(`/product?id=${encodeURIComponent('gid://shopify/Product/701')}`, tokenA)).statusCode).toBe(
      404,
    );
  });

  it("customer block: the signed-in customer's shipments with tracking links and timeline", async () => {
    const tok = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 });
    const res = await customer(`/order?id=${encodeURIComponent(shippedOrder.gid)}`, tok);
    expect(res.statusCode).toBe(200);
    const body = customerOrderStatusSchema.parse(res.json());
    expect(body.order.name).toMatch(/^#/);
    expect(body.unshippedUnits).toBe(0);
    expect(body.shipments).toEqual([
      expect.objectContaining({
        status: 'in_transit',
        tracking: [{ number: '6A12345678901', url: expect.stringMatching(/^https:\/\//) }],
        items: [{ title: 'THE-VERT', quantity: 2 }],
        timeline: [
          expect.objectContaining({ status: 'shipped' }),
          expect.objectContaining({ status: 'in_transit', description: 'Pris en charge', location: 'Paris' }),
        ],
      }),
    ]);
    // nothing of the merchant's side leaks to the customer
    expect(JSON.stringify(body)).not.toMatch(/Paris.*Lyon|warehouse|trace/i);
  });

  it('customer block: a "request a return" link to the tracking page’s return door, only when the shop takes a return of that order now', async () => {
    const returns = createReturnsRepo(s.t.ctx.db);
    const url = `/order?id=${encodeURIComponent(shippedOrder.gid)}`;
    const c1 = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 });
    const returnUrl = async (tok = c1, u = url) =>
      customerOrderStatusSchema.parse((await customer(u, tok)).json()).returnUrl;
    try {
      await returns.savePolicy(shopA.id, {
        ...defaultReturnPolicy,
        customerRequests: true,
        windowDays: 30,
        excludedSkus: [],
        excludedTags: ['final-sale'],
      });
      const door = await returnUrl();
      expect(door).toMatch(/\/t\/[A-Za-z0-9_-]{16,64}\/return$/);
      // the door opens, on the customer's order
      const form = await s.app.inject({ url: new URL(door!, 'http://x').pathname });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="qty_');
      // nothing shipped yet: nothing to send back
      const c2 = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_2 });
      expect(await returnUrl(c2, `/order?id=${encodeURIComponent(routedOrder.gid)}`)).toBeNull();
      // the shop's rules close it: no requests from customers, the product excluded, the window passed
      await returns.savePolicy(shopA.id, { ...defaultReturnPolicy, customerRequests: false });
      expect(await returnUrl()).toBeNull();
      await returns.savePolicy(shopA.id, { ...defaultReturnPolicy, excludedSkus: ['the-vert'] });
      expect(await returnUrl()).toBeNull();
      // shipped moments ago: a window of no days has passed already
      await returns.savePolicy(shopA.id, { ...defaultReturnPolicy, windowDays: 0 });
      expect(await returnUrl()).toBeNull();
      await s.t.ctx.db
        .update(orders)
        .set({ tags: ['final-sale'] })
        .where(eq(orders.id, shippedOrder.id));
      await returns.savePolicy(shopA.id, defaultReturnPolicy);
      expect(await returnUrl()).toBeNull();
      await s.t.ctx.db.update(orders).set({ tags: [] }).where(eq(orders.id, shippedOrder.id));
      expect(await returnUrl()).toBe(door);
    } finally {
      await returns.savePolicy(shopA.id, defaultReturnPolicy);
    }
  });

  it("customer block: another customer's order, another shop, no order: all 404", async () => {
    const c1 = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 });
    expect((await customer(`/order?id=${encodeURIComponent(routedOrder.gid)}`, c1)).statusCode).toBe(404);
    const c2 = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_2 });
    expect((await customer(`/order?id=${encodeURIComponent(shippedOrder.gid)}`, c2)).statusCode).toBe(404);
    expect((await customer(`/order?id=${encodeURIComponent(routedOrder.gid)}`, c2)).statusCode).toBe(200);
    const otherShop = await customerToken({ dest: 'ext-b.myshopify.com', sub: CUSTOMER_1 });
    expect((await customer(`/order?id=${encodeURIComponent(shippedOrder.gid)}`, otherShop)).statusCode).toBe(404);
    expect((await customer(`/order?id=${encodeURIComponent('gid://shopify/Order/424242')}`, c1)).statusCode).toBe(404);
  });

  it('customer block: tampered, expired, foreign, admin and anonymous tokens get 401', async () => {
    const url = `/order?id=${encodeURIComponent(shippedOrder.gid)}`;
    const good = await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 });
    const bad = [
      tamper(good),
      await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1 }, 'another-secret'),
      await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1, exp: Math.floor(Date.now() / 1000) - 120 }),
      await customerToken({ dest: 'ext-a.myshopify.com', sub: CUSTOMER_1, aud: 'another-app' }),
      await customerToken({ dest: 'https://ext-a.myshopify.com', sub: CUSTOMER_1 }),
      await customerToken({ dest: 'not-installed.myshopify.com', sub: CUSTOMER_1 }),
      await customerToken({ dest: 'ext-a.myshopify.com', sub: '1101' }),
      tokenA,
    ];
    for (const tok of bad) {
      const res = await customer(url, tok);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_session');
    }
    const anonymous = await customer(url, await customerToken({ dest: 'ext-a.myshopify.com' }));
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('customer_login_required');
  });

  it('answers CORS preflights from Shopify-hosted extensions without a token', async () => {
    const res = await s.app.inject({
      method: 'OPTIONS',
      url: '/api/extensions/customer/order',
      headers: {
        origin: 'https://extensions.shopifycdn.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    const cross = await s.app.inject({
      url: `/api/extensions/admin/order?id=${encodeURIComponent(shippedOrder.gid)}`,
      headers: { origin: 'https://extensions.shopifycdn.com', authorization: `Bearer ${tokenA}` },
    });
    expect(cross.headers['access-control-allow-origin']).toBe('*');
    // the embedded admin app's own API stays same-origin
    const adminApi = await s.app.inject({
      url: '/api/admin/shop',
      headers: { origin: 'https://extensions.shopifycdn.com', authorization: `Bearer ${tokenA}` },
    });
    expect(adminApi.statusCode).toBe(200);
    expect(adminApi.headers['access-control-allow-origin']).toBeUndefined();
  });
});
