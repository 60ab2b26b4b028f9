import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { createSessionsRepo } from '../../core/db/sessions-repo.js';
import type { Shop } from '../../core/db/shops-repo.js';
import type { WarehouseRow } from '../../core/db/warehouses-repo.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { buildApp } from '../../server/app.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

export const API_KEY = 'demo-api-key';
export const API_SECRET = 'demo-api-secret';

export interface TokenOptions {
  secret?: string;
  aud?: string;
  dest?: string;
  iss?: string;
  expInSeconds?: number;
  nbfInSeconds?: number;
}

/** An App Bridge session token as Shopify signs it; every claim can be bent for a tampering test. */
export async function sessionToken(shop: string, o: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: o.dest ?? `https://${shop}`, sid: 'sid-1' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(o.iss ?? `https://${shop}/admin`)
    .setAudience(o.aud ?? API_KEY)
    .setSubject('42')
    .setIssuedAt(now)
    .setNotBefore(now + (o.nbfInSeconds ?? -5))
    .setExpirationTime(now + (o.expInSeconds ?? 60))
    .setJti(`j-${Math.random()}`)
    .sign(new TextEncoder().encode(o.secret ?? API_SECRET));
}

export interface Tenant {
  shop: Shop;
  warehouse: WarehouseRow;
  other: WarehouseRow;
  feedKey: string;
  otherKey: string;
  token: string;
  orderId: number;
  allocationId: number;
  lineId: number;
}

/** An installed shop (offline token stored, so no exchange is needed), two warehouses with keys, a dispatched order. */
export async function seedTenant(t: TestContext, domain: string): Promise<Tenant> {
  const db = t.ctx.db;
  const shop = await seedShop(db, domain);
  await createSessionsRepo(db, t.ctx.cipher).save({
    id: `offline_${domain}`,
    shopId: shop.id,
    isOnline: false,
    scope: null,
    accessToken: 'shpat_test',
    expiresAt: null,
    refreshToken: null,
    refreshTokenExpiresAt: null,
    userId: null,
  });
  const warehouse = await seedWarehouse(db, shop.id, { costs: { FR: 4, BE: 8 } });
  const other = await seedWarehouse(db, shop.id, { costs: { FR: 9, BE: 9 } });
  const sku = await seedSku(db, shop.id, `SKU-${shop.id}`);
  await receive(db, shop.id, warehouse.id, sku, 50);
  const orderId = await seedOrder(db, shop.id, { lines: [{ sku: `SKU-${shop.id}`, quantity: 2 }] });
  const routed = await routeOrder(
    { db, queues: t.ctx.queues, log: t.ctx.log },
    { shopId: shop.id, orderId, reason: 'test' },
  );
  if (routed.status !== 'routed') throw new Error(`order not routed: ${routed.status}`);
  const allocationId = routed.allocationIds[0]!;
  await dispatchAllocation(
    { db, shopify: t.ctx.shopify, cipher: t.ctx.cipher, breaker: t.ctx.breaker, log: t.ctx.log },
    { shopId: shop.id, allocationId, finalAttempt: false, attempt: 1 },
  );
  const keys = createFeedKeysRepo(db);
  const feedKey = (await keys.create(shop.id, warehouse.id, 'robot')).key;
  const otherKey = (await keys.create(shop.id, other.id, 'robot')).key;
  const lines = await t.ctx.database.query<{ id: number }>(
    (await import('drizzle-orm')).sql`select id from allocation_lines where allocation_id = ${allocationId}`,
  );
  return {
    shop,
    warehouse,
    other,
    feedKey,
    otherKey,
    token: await sessionToken(domain),
    orderId,
    allocationId,
    lineId: Number(lines[0]!.id),
  };
}

export interface SecurityWorld {
  t: TestContext;
  app: FastifyInstance;
  a: Tenant;
  b: Tenant;
  close(): Promise<void>;
}

export async function startSecurityWorld(env: Record<string, string> = {}): Promise<SecurityWorld> {
  const t = await createTestContext(env);
  const app = await buildApp(t.ctx, { logger: false });
  const a = await seedTenant(t, 'sec-a.myshopify.com');
  const b = await seedTenant(t, 'sec-b.myshopify.com');
  return {
    t,
    app,
    a,
    b,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
