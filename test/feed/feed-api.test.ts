import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, inventoryMovements, stockLevels } from '../../drizzle/schema/index.js';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { buildApp } from '../../server/app.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('3PL feed /feed/v1', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let keyA: string;
  let keyB: string;
  let allocationId: number;
  let lineId: number;
  let skuId: number;
  let whA: number;

  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    const shop = await seedShop(t.ctx.db);
    const a = await seedWarehouse(t.ctx.db, shop.id, { name: 'A', costs: { FR: 4 } });
    const b = await seedWarehouse(t.ctx.db, shop.id, { name: 'B', costs: { FR: 9 } });
    whA = a.id;
    skuId = await seedSku(t.ctx.db, shop.id, 'PULL-ROUGE-L');
    await receive(t.ctx.db, shop.id, a.id, skuId, 10);
    await receive(t.ctx.db, shop.id, b.id, skuId, 10);
    keyA = (await createFeedKeysRepo(t.ctx.db).create(shop.id, a.id, 'robot')).key;
    keyB = (await createFeedKeysRepo(t.ctx.db).create(shop.id, b.id, 'robot')).key;
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'PULL-ROUGE-L', quantity: 3 }] });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    if (routed.status !== 'routed') throw new Error('not routed');
    allocationId = routed.allocationIds[0]!;
    await dispatchAllocation(
      { db: t.ctx.db, shopify: t.ctx.shopify, cipher: t.ctx.cipher, breaker: t.ctx.breaker, log: t.ctx.log },
      { shopId: shop.id, allocationId, finalAttempt: false, attempt: 1 },
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const call = (
    key: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/feed/v1${url}`,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('rejects a missing or wrong key with 401', async () => {
    expect((await app.inject('/feed/v1/allocations')).statusCode).toBe(401);
    const res = await call('lk_000000000000_notarealkeynotarealkeyxx', 'GET', '/allocations');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_key');
  });

  it('shows a warehouse only its own allocations: another key gets 404', async () => {
    expect((await call(keyB, 'GET', `/allocations/${allocationId}`)).statusCode).toBe(404);
    expect((await call(keyB, 'POST', `/allocations/${allocationId}/acknowledge`)).statusCode).toBe(404);
    expect(
      (
        await call(
          keyB,
          'POST',
          `/allocations/${allocationId}/shipments`,
          { lines: [{ lineId: 1, quantity: 1 }], trackingNumbers: ['X123'], shippedAt: new Date().toISOString() },
          { 'idempotency-key': 'other-warehouse-1' },
        )
      ).statusCode,
    ).toBe(404);
    expect((await call(keyB, 'POST', '/allocations/lease')).json().items).toEqual([]);
    const own = await call(keyA, 'GET', `/allocations/${allocationId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id: allocationId,
      status: 'ready',
      lines: [{ sku: 'PULL-ROUGE-L', quantity: 3, shippedQuantity: 0 }],
    });
    lineId = own.json().lines[0].lineId;
  });

  it('leases an allocation to one poller at a time', async () => {
    const [first, second] = await Promise.all([
      call(keyA, 'POST', '/allocations/lease?limit=5'),
      call(keyA, 'POST', '/allocations/lease?limit=5'),
    ]);
    const got = [...first.json().items, ...second.json().items].map((i: { id: number }) => i.id);
    expect(got).toEqual([allocationId]);
    const leaseToken = [first, second].map((r) => r.json()).find((b) => b.items.length > 0).leaseToken;
    // while the lease is live, only its holder may acknowledge
    const without = await call(keyA, 'POST', `/allocations/${allocationId}/acknowledge`);
    expect([without.statusCode, without.json().error.code]).toEqual([409, 'lease_required']);
    const wrong = await call(keyA, 'POST', `/allocations/${allocationId}/acknowledge`, { leaseToken: 'not-the-token' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([409, 'lease_mismatch']);
    expect((await call(keyA, 'POST', `/allocations/${allocationId}/acknowledge`, { leaseToken })).json()).toEqual({
      status: 'acknowledged',
      changed: true,
    });
  });

  it('refuses a shipment larger than the allocation with 422 and changes nothing', async () => {
    const res = await call(
      keyA,
      'POST',
      `/allocations/${allocationId}/shipments`,
      {
        lines: [{ lineId, quantity: 4 }],
        carrier: 'Colissimo',
        trackingNumbers: ['6A12345678901'],
        shippedAt: new Date().toISOString(),
      },
      { 'idempotency-key': 'ship-too-many' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('shipment_exceeds_allocation');
    const [level] = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.warehouseId, whA));
    expect(level).toMatchObject({ onHand: 10, reserved: 3 });
  });

  it('records a shipment once per idempotency key', async () => {
    const body = {
      lines: [{ lineId, quantity: 3 }],
      carrier: 'colissimo',
      trackingNumbers: ['6A12345678901'],
      shippedAt: new Date().toISOString(),
    };
    const first = await call(keyA, 'POST', `/allocations/${allocationId}/shipments`, body, {
      'idempotency-key': 'ship-0001',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ created: true, allocationStatus: 'shipped', carrier: 'Colissimo' });
    expect(first.json().trackingUrls[0]).toContain('6A12345678901');
    const again = await call(keyA, 'POST', `/allocations/${allocationId}/shipments`, body, {
      'idempotency-key': 'ship-0001',
    });
    // a replay answers the first result, and says it is one
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const reused = await call(
      keyA,
      'POST',
      `/allocations/${allocationId}/shipments`,
      { ...body, trackingNumbers: ['6A99999999999'] },
      { 'idempotency-key': 'ship-0001' },
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    const [level] = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.warehouseId, whA));
    expect(level).toMatchObject({ onHand: 7, reserved: 0 });
    const moves = await t.ctx.db.select().from(inventoryMovements).where(eq(inventoryMovements.warehouseId, whA));
    expect(moves.reduce((n, m) => n + m.delta, 0)).toBe(7);
    // nothing more to ship
    const more = await call(
      keyA,
      'POST',
      `/allocations/${allocationId}/shipments`,
      { ...body, lines: [{ lineId, quantity: 1 }] },
      { 'idempotency-key': 'ship-0002' },
    );
    expect(more.statusCode).toBe(409);
  });

  it('validates bodies with the documented error shape', async () => {
    const res = await call(
      keyA,
      'POST',
      `/allocations/${allocationId}/shipments`,
      { lines: [], trackingNumbers: [] },
      { 'idempotency-key': 'ship-bad-1' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(Array.isArray(res.json().error.details)).toBe(true);
  });

  it('applies an inventory snapshot as correction movements, once per snapshot id', async () => {
    const snap = {
      snapshotId: 'count-1',
      takenAt: new Date().toISOString(),
      items: [
        { sku: 'PULL-ROUGE-L', onHand: 5 },
        { sku: 'UNKNOWN', onHand: 1 },
      ],
    };
    const res = await call(keyA, 'POST', '/inventory-snapshots', snap);
    expect(res.json()).toMatchObject({
      items: 2,
      corrections: [{ sku: 'PULL-ROUGE-L', before: 7, after: 5, delta: -2 }],
      unknownSkus: ['UNKNOWN'],
    });
    const again = await call(keyA, 'POST', '/inventory-snapshots', snap);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ items: 2, corrections: [], unknownSkus: ['UNKNOWN'] });
    const [level] = await t.ctx.db.select().from(stockLevels).where(eq(stockLevels.warehouseId, whA));
    expect(level!.onHand).toBe(5);
  });

  it('serves its OpenAPI 3.1 document', async () => {
    const res = await app.inject('/feed/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/allocations',
        '/allocations/lease',
        '/allocations/{id}',
        '/allocations/{id}/shipments',
        '/shipments/{id}/events',
        '/inventory-snapshots',
      ]),
    );
    expect(Object.keys(doc.paths).some((p: string) => p.startsWith('/api') || p.startsWith('/webhooks'))).toBe(false);
    const docs = await app.inject('/feed/v1/docs/');
    expect(docs.statusCode).toBe(200);
  });

  it('re-routes an order its warehouse rejects', async () => {
    const alloc = (await t.ctx.db.select().from(allocations).where(eq(allocations.id, allocationId)))[0]!;
    expect(alloc.status).toBe('shipped');
    expect(
      (await call(keyA, 'POST', `/allocations/${allocationId}/reject`, { reason: 'out_of_stock' })).statusCode,
    ).toBe(409);
  });
});
