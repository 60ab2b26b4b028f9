import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { createFeedKeyCheck } from '../../core/use-cases/feed/feed-key-check.js';
import { feedKeys } from '../../drizzle/schema/index.js';
import { seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

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
    const check = createFeedKeyCheck(t.ctx.db);
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

    await repo.revoke(shop.id, wh.id, keyId);
    expect(await check.verify(key)).toBeNull();
  });
});
