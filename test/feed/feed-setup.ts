import { createFeedKeysRepo } from '../../core/db/feed-keys-repo.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { receive, seedOrder, seedShop, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import type { TestContext } from '../helpers/test-context.js';

/** One shop, one feed-style warehouse with stock of two SKUs, and its feed key. */
export async function seedFeedWarehouse(t: TestContext, stock = 50) {
  const shop = await seedShop(t.ctx.db);
  const wh = await seedWarehouse(t.ctx.db, shop.id, { name: 'Contract WH', costs: { FR: 4 } });
  for (const sku of ['PULL-ROUGE-L', 'BONNET-GRIS'])
    await receive(t.ctx.db, shop.id, wh.id, await seedSku(t.ctx.db, shop.id, sku), stock);
  const { key } = await createFeedKeysRepo(t.ctx.db).create(shop.id, wh.id, 'contract');
  /** Routes and dispatches a new order: a ready allocation in the feed. */
  async function newAllocation(
    lines: { sku: string; quantity: number }[] = [{ sku: 'PULL-ROUGE-L', quantity: 2 }],
  ): Promise<{ allocationId: number; orderId: number }> {
    const orderId = await seedOrder(t.ctx.db, shop.id, { lines });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: shop.id, orderId, reason: 'test' },
    );
    if (routed.status !== 'routed') throw new Error(`not routed: ${routed.status}`);
    const allocationId = routed.allocationIds[0]!;
    await dispatchAllocation(
      { db: t.ctx.db, shopify: t.ctx.shopify, cipher: t.ctx.cipher, breaker: t.ctx.breaker, log: t.ctx.log },
      { shopId: shop.id, allocationId, finalAttempt: false, attempt: 1 },
    );
    return { allocationId, orderId };
  }
  return { shop, warehouse: wh, key, newAllocation };
}
