import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../core/context.js';
import { warehouseInputSchema } from '../../core/contracts/admin/warehouses.js';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { createFeedAuthVersion } from '../../core/feed-auth-version.js';
import { revokeFeedKey } from '../../core/use-cases/admin/feed-keys.js';
import { saveWarehouse } from '../../core/use-cases/admin/save-warehouse.js';
import { createFeedKeyCheck } from '../../core/use-cases/feed/feed-key-check.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { feedKeys } from '../../drizzle/schema/index.js';
import { buildApp } from '../../server/app.js';
import { seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

describe('feed key check', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('writes a key’s last use once a minute per process, and refuses a revoked key at once', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Check WH' });
    const repo = createFeedKeysRepo(t.ctx.db);
    const { id, key } = await repo.create(shop.id, wh.id, 'robot');
    const keyId = Number(id);
    const check = createFeedKeyCheck(t.ctx.db, t.ctx.feedAuth);
    const lastUsed = async () =>
      (await t.ctx.db.select({ at: feedKeys.lastUsedAt }).from(feedKeys).where(eq(feedKeys.id, keyId)))[0]!.at;

    expect(await check.verify(key)).toEqual({ keyId, shopId: shop.id, warehouseId: wh.id });
    const now = Date.now();
    await check.touch(keyId, now);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // cleared behind the process's back: a touch within the minute writes nothing, one after it does
    await t.ctx.db.update(feedKeys).set({ lastUsedAt: null }).where(eq(feedKeys.id, keyId));
    await check.touch(keyId, now + 30_000);
    expect(await lastUsed()).toBeNull();
    await check.touch(keyId, now + 60_000);
    expect(await lastUsed()).not.toBeNull();

    await revokeFeedKey({ db: t.ctx.db, feedAuth: t.ctx.feedAuth }, { shopId: shop.id, warehouseId: wh.id, keyId });
    expect(await check.verify(key)).toBeNull();
  });

  it('trusts a verified key without Postgres while the version stands, for a few seconds at most', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Trust WH' });
    const { id, key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'robot');
    const check = createFeedKeyCheck(t.ctx.db, t.ctx.feedAuth);
    const now = Date.now();
    const principal = { keyId: Number(id), shopId: shop.id, warehouseId: wh.id };
    expect(await check.verify(key, { now })).toEqual(principal);
    // revoked by hand, behind the use cases: the cache answers until its trust runs out
    await t.ctx.db
      .update(feedKeys)
      .set({ revokedAt: new Date() })
      .where(eq(feedKeys.id, Number(id)));
    expect(await check.verify(key, { now: now + 1_000 })).toEqual(principal);
    expect(await check.verify(key, { now: now + 10_000 })).toBeNull();
    // a refusal is never remembered, and a wrong secret with a known prefix is refused
    expect(await check.verify(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), { now })).toBeNull();
  });

  it('asks Postgres on every request while Redis cannot answer', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'No Redis WH' });
    const { id, key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'robot');
    // nothing listens on port 9: every read fails
    const dead = new Redis('redis://127.0.0.1:9', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
    try {
      const versions = createFeedAuthVersion(dead, '{dead}');
      expect(await versions.read()).toBeNull();
      const check = createFeedKeyCheck(t.ctx.db, versions);
      expect(await check.verify(key)).not.toBeNull();
      await t.ctx.db
        .update(feedKeys)
        .set({ revokedAt: new Date() })
        .where(eq(feedKeys.id, Number(id)));
      expect(await check.verify(key)).toBeNull();
    } finally {
      dead.disconnect();
    }
  });
});

/**
 * Two server instances and a worker share Postgres and Redis, each with its own connections and
 * its own cache. Every refusal is checked on the instance that did not make the change.
 */
describe('feed key refusals with warm caches, across instances', () => {
  let t: TestContext;
  let other: AppContext;
  let one: FastifyInstance;
  let two: FastifyInstance;

  beforeAll(async () => {
    t = await createTestContext();
    other = await createAppContext(t.config, { name: 'second' });
    one = await buildApp(t.ctx, { logger: false });
    two = await buildApp(other, { logger: false });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await other.close();
    await t.close();
  });

  const list = (app: FastifyInstance, key: string) =>
    app.inject({ url: '/feed/v1/allocations?status=open', headers: { authorization: `Bearer ${key}` } });
  /** Both instances have verified the key and trust it. */
  async function warm(key: string): Promise<void> {
    for (const app of [one, two, one, two]) expect((await list(app, key)).statusCode).toBe(200);
  }
  const input = (name: string, active: boolean) =>
    warehouseInputSchema.parse({
      name,
      code: name.toUpperCase().replace(/\W/g, ''),
      address: { countryCode: 'FR' },
      timezone: 'Europe/Paris',
      cutoffTime: '14:00',
      workingDays: [1, 2, 3, 4, 5],
      zones: [{ code: 'FR', countries: ['FR'] }],
      serviceLevels: [{ code: 'std', name: 'Standard', transitDays: { FR: 2 } }],
      costs: { FR: 5 },
      active,
    });

  it('refuses a revoked key at the next request on every instance', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Revoke WH' });
    const { id, key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'robot');
    const kept = (await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'kept')).key;
    await warm(key);
    await warm(kept);
    await revokeFeedKey(
      { db: t.ctx.db, feedAuth: t.ctx.feedAuth },
      { shopId: shop.id, warehouseId: wh.id, keyId: Number(id) },
    );
    expect((await list(two, key)).statusCode).toBe(401);
    expect((await list(one, key)).statusCode).toBe(401);
    // the other key of the warehouse still works
    expect((await list(two, kept)).statusCode).toBe(200);
  });

  it('refuses the keys of a deactivated warehouse at the next request on every instance', async () => {
    const shop = await seedShop(t.ctx.db);
    const deps = {
      db: t.ctx.db,
      shopify: t.ctx.shopify,
      cipher: t.ctx.cipher,
      appUrl: undefined,
      feedAuth: t.ctx.feedAuth,
    };
    const save = (id: number | undefined, active: boolean) =>
      saveWarehouse(deps, { shopId: shop.id, shopDomain: shop.domain, id, data: input('Lyon', active), actor: 'test' });
    const { warehouse } = await save(undefined, true);
    const { key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, warehouse.id, 'robot');
    await warm(key);
    await save(warehouse.id, false);
    expect((await list(two, key)).statusCode).toBe(401);
    expect((await list(one, key)).statusCode).toBe(401);
  });

  it('refuses the keys of a shop that uninstalled at the next request on every instance', async () => {
    const domain = `gone-${randomBytes(3).toString('hex')}.myshopify.com`;
    const shop = await seedShop(t.ctx.db, domain);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Uninstall WH' });
    const { key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'robot');
    await warm(key);
    const req = signedWebhook({ id: 1, domain }, { topic: 'app/uninstalled', shop: domain, eventId: `gone-${domain}` });
    const sent = await two.inject({
      ...req,
      headers: { ...req.headers, 'x-shopify-triggered-at': new Date(Date.now() + 1000).toISOString() },
    });
    expect(sent.statusCode).toBe(200);
    const [row] = await t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = ${`gone-${domain}`}`,
    );
    // the worker applies it with its own connections
    const out = await ingestEvent(
      { db: other.db, queues: other.queues, log: other.log, feedAuth: other.feedAuth },
      { inboxId: Number(row!.id), finalAttempt: true },
    );
    expect(out).toMatchObject({ status: 'processed', outcome: 'uninstalled' });
    expect((await list(one, key)).statusCode).toBe(401);
    expect((await list(two, key)).statusCode).toBe(401);
  });
});
