import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { createFeedIdempotencyRepo } from '../../core/db/feed-idempotency-repo.js';
import { pruneFeedIdempotencyKeys } from '../../core/use-cases/feed/prune-idempotency-keys.js';
import { feedIdempotencyKeys } from '../../drizzle/schema/index.js';
import { seedShop, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('3PL idempotency keys', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('are kept for the retention period, then pruned, oldest first and in batches', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const repo = createFeedIdempotencyRepo(t.ctx.db);
    const now = new Date('2026-12-03T12:00:00Z');
    const ageDays = [40, 35, 31, 29, 1];
    for (const [i, age] of ageDays.entries()) {
      await repo.save(shop.id, wh.id, 'createShipment:1', `PKG-${i}`, {
        requestHash: 'h',
        statusCode: 201,
        response: { id: i },
      });
      await t.ctx.db
        .update(feedIdempotencyKeys)
        .set({ createdAt: new Date(now.getTime() - age * 86_400_000) })
        .where(eq(feedIdempotencyKeys.key, `PKG-${i}`));
    }
    const deps = { db: t.ctx.db, log: t.ctx.log };
    expect(await pruneFeedIdempotencyKeys(deps, { retentionDays: 30, now, limit: 2 })).toEqual({
      idempotencyKeysPruned: 2,
    });
    expect(await repo.find(shop.id, wh.id, 'createShipment:1', 'PKG-0')).toBeUndefined();
    expect(await repo.find(shop.id, wh.id, 'createShipment:1', 'PKG-2')).toBeDefined();
    expect(await pruneFeedIdempotencyKeys(deps, { retentionDays: 30, now })).toEqual({ idempotencyKeysPruned: 1 });
    const left = (
      await t.ctx.db
        .select({ key: feedIdempotencyKeys.key })
        .from(feedIdempotencyKeys)
        .where(eq(feedIdempotencyKeys.shopId, shop.id))
    )
      .map((r) => r.key)
      .sort();
    expect(left).toEqual(['PKG-3', 'PKG-4']);
  });

  it('cannot be configured below the 7 days the feed guide promises', () => {
    expect(() => loadConfig({ ...process.env, FEED_IDEMPOTENCY_RETENTION_DAYS: '3' })).toThrow(
      /FEED_IDEMPOTENCY_RETENTION_DAYS|7 days/,
    );
  });
});
