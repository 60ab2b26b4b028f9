import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, backorders, orders } from '../../drizzle/schema/index.js';
import { createRoutingRulesRepo } from '../../core/db/routing-rules-repo.js';
import { defaultRules } from '../../core/domain/routing/rules.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { expireBackorders } from '../../core/use-cases/routing/expire-backorders.js';
import { sweepWork } from '../../core/use-cases/sweep-work.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const DAY = 86_400_000;

/** Defect 7 of #15: the `cancel_after_days` backorder policy cancels missing units once their days are up. */
describe('a backorder under cancel_after_days', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  async function backorderedOrder(sku: string, onHand: number) {
    const db = t.ctx.db;
    const shop = await seedShop(db);
    const rules = defaultRules().map((r) =>
      r.kind === 'backorder'
        ? { kind: 'backorder' as const, id: r.id, policy: 'cancel_after_days' as const, cancelAfterDays: 3 }
        : r,
    );
    expect(await createRoutingRulesRepo(db).save(shop.id, rules)).not.toHaveProperty('conflict');
    const wh = await seedWarehouse(db, shop.id);
    const skuId = await seedSku(db, shop.id, sku);
    if (onHand) await receive(db, shop.id, wh.id, skuId, onHand);
    const placedAt = new Date(Date.now() - DAY);
    const orderId = await seedOrder(db, shop.id, { lines: [{ sku, quantity: 3 }], placedAt });
    const routed = await routeOrder(
      { db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    expect(routed).toMatchObject({ backordered: 3 - onHand });
    return { shopId: shop.id, orderId, placedAt };
  }
  const timeline = (shopId: number, orderId: number) =>
    t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.shopId, shopId),
          eq(auditLog.entity, 'order'),
          eq(auditLog.entityId, String(orderId)),
          eq(auditLog.action, 'backorder_cancelled'),
        ),
      );
  const orderRow = async (orderId: number) => (await t.ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;

  it('waits until its deadline, then cancels the missing units once, on the timeline, and routing leaves them alone', async () => {
    const { shopId, orderId, placedAt } = await backorderedOrder('CAFETIÈRE', 1);
    const deps = { db: t.ctx.db, log: t.ctx.log };
    // placed a day ago with 3 days to wait: not yet
    expect(await expireBackorders(deps, { now: new Date() })).toMatchObject({ expiredUnits: 0 });
    const [open] = await t.ctx.db.select().from(backorders).where(eq(backorders.orderId, orderId));
    expect({ status: open!.status, outcome: open!.outcome, cancelAt: open!.cancelAt?.getTime() }).toEqual({
      status: 'open',
      outcome: 'cancel_at',
      cancelAt: placedAt.getTime() + 3 * DAY,
    });

    const later = new Date(placedAt.getTime() + 3 * DAY + 1000);
    // two sweepers at once: the units are cancelled, and recorded, once
    const [x, y] = await Promise.all([expireBackorders(deps, { now: later }), expireBackorders(deps, { now: later })]);
    expect(x.expiredUnits + y.expiredUnits).toBe(2);
    const [row] = await t.ctx.db.select().from(backorders).where(eq(backorders.orderId, orderId));
    expect(row!.status).toBe('cancelled');
    const entries = await timeline(shopId, orderId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({
      policy: 'cancel_after_days',
      units: 2,
      lines: [{ sku: 'CAFETIÈRE', quantity: 2 }],
    });
    // the unit in stock still ships
    expect((await orderRow(orderId)).status).toBe('routed');

    // routing again (a sweeper, a webhook) neither backorders the cancelled units again nor reopens them
    const again = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId, orderId, reason: 'test' },
    );
    expect(again).toMatchObject({ status: 'skipped', reason: 'nothing left to route' });
    expect((await t.ctx.db.select().from(backorders).where(eq(backorders.orderId, orderId)))[0]!.status).toBe(
      'cancelled',
    );
    await t.ctx.db
      .update(orders)
      .set({ updatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(orders.id, orderId));
    expect(
      (await sweepWork({ db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log }, { olderThanMs: 60_000 })).unrouted,
    ).toBe(0);
  });

  it('cancels an order nothing can ship once all its units are cancelled', async () => {
    const { shopId, orderId, placedAt } = await backorderedOrder('MOULIN', 0);
    expect((await orderRow(orderId)).status).toBe('backordered');
    expect(
      await expireBackorders({ db: t.ctx.db, log: t.ctx.log }, { now: new Date(placedAt.getTime() + 4 * DAY) }),
    ).toMatchObject({ expiredUnits: 3 });
    expect((await orderRow(orderId)).status).toBe('cancelled');
    expect(await timeline(shopId, orderId)).toHaveLength(1);
  });
});
