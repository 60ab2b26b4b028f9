import { and, eq, inArray } from 'drizzle-orm';
import { skus, stockLevels } from '../../../drizzle/schema/index.js';
import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { lockKey } from '../../db/locks.js';
import { createStockRepo } from '../../db/stock-repo.js';
import type { Queues } from '../../queue/producer.js';
import { kickStockJobs } from '../../queue/stock-jobs.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';

export interface SnapshotInput {
  who: FeedPrincipal;
  snapshotId: string;
  takenAt: Date;
  items: { sku: string; onHand: number }[];
}

/**
 * The 3PL's count is the truth for what it holds: each difference becomes a
 * `snapshot_correction` movement (once per snapshot id), so on hand still equals the ledger.
 * Reservations above the new count are left for routing to resolve, never silently dropped.
 */
export async function applyInventorySnapshot(deps: { db: Db; queues: Queues }, input: SnapshotInput) {
  const { shopId, warehouseId } = input.who;
  const result = await deps.db.transaction(async (tx) => {
    await lockKey(tx, `snapshot:${warehouseId}`);
    const codes = [...new Set(input.items.map((i) => i.sku))];
    const known = codes.length ? await tx.select({ id: skus.id, sku: skus.sku }).from(skus).where(and(eq(skus.shopId, shopId), inArray(skus.sku, codes))) : [];
    const idOf = new Map(known.map((k) => [k.sku, k.id]));
    const levels = known.length ? await tx.select().from(stockLevels).where(and(eq(stockLevels.warehouseId, warehouseId), inArray(stockLevels.skuId, known.map((k) => k.id)))) : [];
    const stock = createStockRepo(tx);
    const corrections: { sku: string; before: number; after: number; delta: number; short: number }[] = [];
    const unknownSkus: string[] = [];
    for (const item of input.items) {
      const skuId = idOf.get(item.sku);
      if (!skuId) {
        unknownSkus.push(item.sku);
        continue;
      }
      const level = levels.find((l) => l.skuId === skuId);
      const before = level?.onHand ?? 0;
      const reserved = level?.reserved ?? 0;
      // the count cannot go below what is promised to orders in the ledger; the shortfall is reported
      const after = Math.max(item.onHand, reserved);
      const delta = after - before;
      if (delta !== 0) await stock.applyMovement(shopId, { warehouseId, skuId, delta, reason: 'snapshot_correction', reference: `snapshot:${input.snapshotId}` });
      if (delta !== 0 || item.onHand < reserved) corrections.push({ sku: item.sku, before, after, delta, short: Math.max(0, reserved - item.onHand) });
    }
    await createAuditRepo(tx).record(shopId, 'warehouse', String(warehouseId), 'inventory_snapshot', `warehouse:${warehouseId}`, {
      snapshotId: input.snapshotId, takenAt: input.takenAt, items: input.items.length, corrections, unknownSkus,
    });
    const restocked = corrections.filter((c) => c.delta > 0).map((c) => c.sku);
    const waitingOrders = await createAllocationsRepo(tx).ordersBackorderedOn(shopId, restocked);
    return { items: input.items.length, corrections, unknownSkus, restocked, waitingOrders };
  });
  if (result.corrections.length) await kickStockJobs(deps.queues, shopId);
  // units came back: orders waiting for these SKUs get another chance
  for (const orderId of result.waitingOrders) await deps.queues.add('route', { shopId, orderId, reason: 'restocked' }).catch(() => {});
  return result;
}
