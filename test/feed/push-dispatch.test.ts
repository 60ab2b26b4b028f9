import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, dispatchAttempts } from '../../drizzle/schema/index.js';
import { createDispatchFailuresRepo } from '../../core/db/allocations-repo.js';
import { createWarehousesRepo } from '../../core/db/warehouses-repo.js';
import { RateLimitedError, RetriableIntegrationError } from '../../core/errors.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { createPushReceiver, type PushReceiver } from '../../sim/3pl/index.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('push dispatch to a 3PL API: retries, circuit breaker, dead letter and replay', () => {
  let t: TestContext;
  let rx: PushReceiver;
  const secret = 'whsec_test_secret_value_123';
  beforeAll(async () => {
    t = await createTestContext({ PUSH_ALLOW_PRIVATE_NETWORK: 'true' });
    rx = createPushReceiver({ secret, behaviour: { failRate: 1 } });
    await rx.start();
  });
  afterAll(async () => {
    await rx.stop();
    await t.close();
  });

  it('backs off, opens the circuit, parks the allocation, and replays it once the 3PL is back, exactly once', async () => {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id, { dispatchStyle: 'http' });
    await createWarehousesRepo(t.ctx.db).update(shop.id, wh.id, {
      pushUrl: rx.url,
      pushSecretEnc: t.ctx.cipher.encrypt(secret),
    });
    const sku = await seedSku(t.ctx.db, shop.id, 'VASE');
    await receive(t.ctx.db, shop.id, wh.id, sku, 3);
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku: 'VASE', quantity: 1 }] });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    const allocationId = routed.status === 'routed' ? routed.allocationIds[0]! : -1;
    const deps = {
      db: t.ctx.db,
      shopify: t.ctx.shopify,
      cipher: t.ctx.cipher,
      breaker: t.ctx.breaker,
      log: t.ctx.log,
      push: t.ctx.config.push,
    };

    // five 500s in a row, each retriable; then the breaker stops calling the 3PL at all
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(
        dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt, finalAttempt: false }),
      ).rejects.toBeInstanceOf(RetriableIntegrationError);
    }
    const before = rx.stats();
    await expect(
      dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt: 6, finalAttempt: false }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    expect(rx.stats()).toEqual(before);
    expect((await t.ctx.breaker.state(wh.id)).open).toBe(true);

    // the last allowed attempt parks it as a dispatch dead letter
    expect(
      await dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt: 7, finalAttempt: true }),
    ).toMatchObject({ status: 'dead' });
    expect((await createDispatchFailuresRepo(t.ctx.db).list(shop.id)).map((a) => a.id)).toEqual([allocationId]);
    expect(
      (await t.ctx.db.select().from(dispatchAttempts).where(eq(dispatchAttempts.allocationId, allocationId))).length,
    ).toBe(7);

    // the 3PL recovers; the breaker's window passes; replay hands it over once
    rx.setBehaviour({ failRate: 0 });
    await t.ctx.redis.del(`${t.ctx.config.redis.prefix}:cb:${wh.id}:open`);
    expect(await createDispatchFailuresRepo(t.ctx.db).revive(shop.id, 'all')).toEqual([allocationId]);
    expect(
      await dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt: 1, finalAttempt: false }),
    ).toMatchObject({ status: 'dispatched', to: 'acknowledged' });
    expect(
      await dispatchAllocation(deps, { shopId: shop.id, allocationId, attempt: 1, finalAttempt: false }),
    ).toMatchObject({ status: 'skipped' });
    expect(rx.received()).toHaveLength(1);
    expect(rx.received()[0]!.order.allocationId).toBe(allocationId);
    const [a] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, allocationId));
    expect(a).toMatchObject({ status: 'acknowledged', dispatchError: null });
  });
});
