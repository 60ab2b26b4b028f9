import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLines, allocations, orders, shipments, stockLevels } from '../../drizzle/schema/index.js';
import type { Tx } from '../../core/db/client.js';
import { lockKey } from '../../core/db/locks.js';
import { answerCancellation } from '../../core/use-cases/feed/answer-cancellation.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { cancelOrderAllocations } from '../../core/use-cases/routing/cancel-order-allocations.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

/** Defect 2 of #15, on real Postgres: parallel calls must move stock once, and never ship what was cancelled. */
describe('races on one allocation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  async function setup(sku: string) {
    const shop = await seedShop(t.ctx.db);
    const wh = await seedWarehouse(t.ctx.db, shop.id);
    const skuId = await seedSku(t.ctx.db, shop.id, sku);
    await receive(t.ctx.db, shop.id, wh.id, skuId, 20);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log };
    // another order holds units of the same SKU, so a double release shows in `reserved`
    const other = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku, quantity: 5 }] });
    await routeOrder(deps, { shopId: shop.id, orderId: other, reason: 'test' });
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines: [{ sku, quantity: 3 }] });
    await routeOrder(deps, { shopId: shop.id, orderId, reason: 'test' });
    const [alloc] = await t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId));
    const [line] = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.allocationId, alloc!.id));
    const who = { keyId: 0, shopId: shop.id, warehouseId: wh.id };
    const reserved = async () =>
      (
        await t.ctx.db
          .select()
          .from(stockLevels)
          .where(and(eq(stockLevels.warehouseId, wh.id), eq(stockLevels.skuId, skuId)))
      )[0]!.reserved;
    return { shop, wh, skuId, orderId, allocationId: alloc!.id, lineId: line!.id, who, reserved };
  }

  it('parallel accepts of one cancellation release its stock once', async () => {
    const s = await setup('RACE-ACC');
    await t.ctx.db.update(allocations).set({ status: 'cancel_requested' }).where(eq(allocations.id, s.allocationId));
    expect(await s.reserved()).toBe(8);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        answerCancellation(
          { db: t.ctx.db, queues: t.ctx.queues },
          { who: s.who, allocationId: s.allocationId, accept: true },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await s.reserved()).toBe(5);
  });

  it('a shipment waiting behind an order cancellation is refused once the allocation is cancelled', async () => {
    const s = await setup('RACE-SHIP');
    await t.ctx.db.update(allocations).set({ status: 'leased' }).where(eq(allocations.id, s.allocationId));
    const [order] = await t.ctx.db.select().from(orders).where(eq(orders.id, s.orderId));
    let cancelled!: () => void;
    const gate = new Promise<void>((r) => (cancelled = r));
    // the merchant cancels the order: the order lock is held, the allocation cancelled, not yet committed
    const cancelTx = t.ctx.db.transaction(async (tx) => {
      await lockKey(tx, `order:${s.shop.id}:${order!.externalId}`);
      await cancelOrderAllocations(tx, s.shop.id, s.orderId, 'test');
      cancelled();
      await new Promise((r) => setTimeout(r, 400));
    });
    await gate;
    const shipment = recordShipment(
      { db: t.ctx.db, queues: t.ctx.queues },
      {
        who: s.who,
        allocationId: s.allocationId,
        idempotencyKey: 'race-parcel',
        lines: [{ lineId: s.lineId, quantity: 3 }],
        carrier: 'Colissimo',
        trackingNumbers: ['6A00000000001'],
        trackingUrl: null,
        shippedAt: new Date(),
      },
    );
    await cancelTx;
    await expect(shipment).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('cancelled') });
    const [after] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, s.allocationId));
    expect(after!.status).toBe('cancelled');
    expect(await t.ctx.db.select().from(shipments).where(eq(shipments.allocationId, s.allocationId))).toEqual([]);
    expect(await s.reserved()).toBe(5);
  });
  /** A parcel of the allocation's line, as the 3PL reports it. */
  const parcel = (s: Awaited<ReturnType<typeof setup>>, key: string, quantity: number) =>
    recordShipment(
      { db: t.ctx.db, queues: t.ctx.queues },
      {
        who: s.who,
        allocationId: s.allocationId,
        idempotencyKey: key,
        lines: [{ lineId: s.lineId, quantity }],
        carrier: 'Colissimo',
        trackingNumbers: ['6A00000000002'],
        trackingUrl: null,
        shippedAt: new Date(),
      },
    );

  /** Holds the order's lock while `change` commits after the parcel started waiting for it. */
  async function behindTheOrderLock(s: Awaited<ReturnType<typeof setup>>, change: (tx: Tx) => Promise<void>) {
    const [order] = await t.ctx.db.select().from(orders).where(eq(orders.id, s.orderId));
    let held!: () => void;
    const gate = new Promise<void>((r) => (held = r));
    const tx = t.ctx.db.transaction(async (tx) => {
      await lockKey(tx, `order:${s.shop.id}:${order!.externalId}`);
      await change(tx);
      held();
      await new Promise((r) => setTimeout(r, 400));
    });
    await gate;
    // wrapped: an async function returning the promise would wait for it
    return { committed: tx };
  }

  it('a parcel waiting behind another decides on the lines as the other left them, not as it first read them', async () => {
    const s = await setup('RACE-LINES');
    await t.ctx.db.update(allocations).set({ status: 'acknowledged' }).where(eq(allocations.id, s.allocationId));
    // two of the three units shipped while the parcel waits: one is left
    const other = await behindTheOrderLock(s, async (tx) => {
      await tx.update(allocationLines).set({ shippedQuantity: 2 }).where(eq(allocationLines.id, s.lineId));
    });
    const tooMany = parcel(s, 'race-two', 2);
    await other.committed;
    await expect(tooMany).rejects.toMatchObject({ code: 'shipment_exceeds_allocation' });
    expect(await t.ctx.db.select().from(shipments).where(eq(shipments.allocationId, s.allocationId))).toEqual([]);

    const last = await behindTheOrderLock(s, async (tx) => {
      await tx.update(allocations).set({ status: 'partially_shipped' }).where(eq(allocations.id, s.allocationId));
    });
    const one = parcel(s, 'race-one', 1);
    await last.committed;
    // the last unit: the allocation is shipped, which the first read (two units left) would not say
    expect(await one).toMatchObject({ created: true, allocationStatus: 'shipped' });
    const [line] = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.id, s.lineId));
    expect(line!.shippedQuantity).toBe(3);
  });

  it('parallel parcels with one key record one shipment, and every call answers it', async () => {
    const s = await setup('RACE-KEY');
    await t.ctx.db.update(allocations).set({ status: 'acknowledged' }).where(eq(allocations.id, s.allocationId));
    const results = await Promise.all(Array.from({ length: 4 }, () => parcel(s, 'race-same', 1)));
    const rows = await t.ctx.db.select().from(shipments).where(eq(shipments.allocationId, s.allocationId));
    expect(rows).toHaveLength(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.shipmentId))).toEqual(new Set([rows[0]!.id]));
    // parcels with their own keys all ship, never more than allocated
    const more = await Promise.allSettled([parcel(s, 'race-b', 1), parcel(s, 'race-c', 1), parcel(s, 'race-d', 1)]);
    expect(more.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const [line] = await t.ctx.db.select().from(allocationLines).where(eq(allocationLines.id, s.lineId));
    expect(line!.shippedQuantity).toBe(3);
    expect(await s.reserved()).toBe(5);
  });
});
