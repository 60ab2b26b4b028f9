// Test-only: builds the real app in-process so the 3PL robot's tests run against it. It lives under
// test/ because sim/ never imports the app; the robot reaches it over HTTP like a real 3PL.
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { allocations, shipments, trackingEvents } from '../../drizzle/schema/index.js';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import type { NewWarehouse, WarehouseRow } from '../../core/db/warehouses-repo.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { buildApp } from '../../server/app.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse, type OrderSeed } from './fixtures.js';
import { createTestContext, type TestContext } from './test-context.js';

/** The app listening on a random port, on its own cloned database. */
export interface RealApp {
  t: TestContext;
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startRealApp(opts: { workers?: string[] } = {}): Promise<RealApp> {
  // the 3PL simulator listens on this machine
  const t = await createTestContext({ PUSH_ALLOW_PRIVATE_NETWORK: 'true' });
  const app = await buildApp(t.ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let workers: StartedWorkers | null = null;
  if (opts.workers?.length) workers = await startWorkers(t.ctx, opts.workers);
  return {
    t,
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await workers?.close();
      await app.close();
      await t.close();
    },
  };
}

/** A shop with warehouses, each stocked and holding feed keys. */
export interface SeededShop {
  shopId: number;
  warehouses: { row: WarehouseRow; key: string; keys: string[] }[];
}

/** One warehouse to seed: app-side stock per SKU, overrides, how many feed keys (default 1). */
export interface WarehouseSeed {
  stock: Record<string, number>;
  w?: Partial<NewWarehouse>;
  keys?: number;
}

export async function seedShopWithWarehouses(t: TestContext, ...specs: WarehouseSeed[]): Promise<SeededShop> {
  const shop = await seedShop(t.ctx.db);
  const skuIds = new Map<string, number>();
  const out: SeededShop['warehouses'] = [];
  for (const w of specs) {
    const row = await seedWarehouse(t.ctx.db, shop.id, w.w ?? {});
    for (const [sku, q] of Object.entries(w.stock)) {
      if (!skuIds.has(sku)) skuIds.set(sku, await seedSku(t.ctx.db, shop.id, sku));
      if (q > 0) await receive(t.ctx.db, shop.id, row.id, skuIds.get(sku)!, q);
    }
    const ks: string[] = [];
    for (let i = 0; i < (w.keys ?? 1); i++)
      ks.push((await createFeedKeysRepo(t.ctx.db).create(shop.id, row.id, `robot ${i + 1}`)).key);
    out.push({ row, key: ks[0]!, keys: ks });
  }
  return { shopId: shop.id, warehouses: out };
}

/** Seeds an order, routes it and lists its allocations in the feed, as the workers would. */
export async function placeOrder(
  t: TestContext,
  shopId: number,
  order: OrderSeed,
): Promise<{ orderId: number; allocationIds: number[] }> {
  const orderId = await seedOrder(t.ctx.db, shopId, order);
  const routed = await routeOrder(
    { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
    { shopId, orderId, reason: 'test' },
  );
  if (routed.status !== 'routed') throw new Error(`order not routed: ${JSON.stringify(routed)}`);
  for (const allocationId of routed.allocationIds) {
    await dispatchAllocation(
      {
        db: t.ctx.db,
        shopify: t.ctx.shopify,
        cipher: t.ctx.cipher,
        breaker: t.ctx.breaker,
        log: t.ctx.log,
        push: t.ctx.config.push,
      },
      { shopId, allocationId, finalAttempt: false, attempt: 1 },
    );
  }
  return { orderId, allocationIds: routed.allocationIds };
}

export async function allocationRow(t: TestContext, id: number) {
  const [row] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, id));
  if (!row) throw new Error(`no allocation ${id}`);
  return row;
}

export async function allocationsOfOrder(t: TestContext, shopId: number, orderId: number) {
  return t.ctx.db
    .select()
    .from(allocations)
    .where(and(eq(allocations.shopId, shopId), eq(allocations.orderId, orderId)));
}

export async function shipmentsOf(t: TestContext, allocationId: number) {
  return t.ctx.db.select().from(shipments).where(eq(shipments.allocationId, allocationId));
}

export async function eventsOf(t: TestContext, shipmentId: number) {
  return t.ctx.db.select().from(trackingEvents).where(eq(trackingEvents.shipmentId, shipmentId));
}

/** Runs `step` (a robot cycle, or nothing) and re-checks until `check` returns a value; fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  step: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 20)),
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await step();
  }
}
