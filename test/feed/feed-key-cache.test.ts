import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { revokeFeedKey } from '../../core/use-cases/admin/feed-keys.js';
import { createFeedKeyCache } from '../../core/use-cases/feed/feed-key-cache.js';
import { seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('feed key cache', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  const deps = () => ({ db: t.ctx.db, redis: t.ctx.redis, prefix: t.ctx.config.redis.prefix, log: t.ctx.log });

  it('refuses a revoked key at its next request, in a process that trusted it a moment ago', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Cache WH' });
    const { id, key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'robot');
    const server1 = createFeedKeyCache(deps());
    const server2 = createFeedKeyCache(deps());
    const principal = { keyId: Number(id), shopId: shop.id, warehouseId: wh.id };
    expect(await server1.verify(key)).toEqual(principal);
    expect(await server2.verify(key)).toEqual(principal);
    expect(await server1.verify(`${key}x`)).toBeNull();

    await revokeFeedKey(deps(), { shopId: shop.id, warehouseId: wh.id, keyId: Number(id) });
    expect(await server1.verify(key)).toBeNull();
    expect(await server2.verify(key)).toBeNull();
  });

  it('trusts a verified key for ten seconds only when nothing says otherwise', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Cache WH 2' });
    const repo = createFeedKeysRepo(t.ctx.db);
    const { id, key } = await repo.create(shop.id, wh.id, 'robot');
    const cache = createFeedKeyCache(deps());
    const now = Date.now();
    expect(await cache.verify(key, now)).not.toBeNull();
    // revoked behind the cache's back (no generation bump): trusted until the window ends
    await repo.revoke(shop.id, wh.id, Number(id));
    expect(await cache.verify(key, now + 5_000)).not.toBeNull();
    expect(await cache.verify(key, now + 10_000)).toBeNull();
  });
});
