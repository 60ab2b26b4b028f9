import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueRouting, enqueueStockJobs } from '../../queue/producers.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';

interface Correction {
  sku: string;
  before: number;
  after: number;
  delta: number;
  short: number;
}

export interface SnapshotInput {
  who: FeedPrincipal;
  snapshotId: string;
  takenAt: Date;
  items: { sku: string; onHand: number }[];
}

/**
 * The 3PL's count is the truth for what it holds: each difference becomes a
 * `snapshot_correction` movement (once per snapshot id), so on hand still equals the ledger.
 * When the count is below what orders hold there, allocations the 3PL has not taken yet are
 * withdrawn (newest first) and their orders routed again; what a 3PL already acknowledged stays
 * reserved and the shortfall is reported.
 */
export async function applyInventorySnapshot(deps: { db: Db; queues: Queues }, input: SnapshotInput) {
  const { shopId, warehouseId } = input.who;
  const result = await deps.db.transaction(async (tx) => {
    await lockKey(tx, `snapshot:${warehouseId}`);
    // a snapshot id already applied is answered from its record: no withdrawal, no second audit row
    const applied = await createAuditRepo(tx).findWith(shopId, 'warehouse', String(warehouseId), 'inventory_snapshot', {
      snapshotId: input.snapshotId,
    });
    if (applied) {
      const was = applied.data as { items: number; corrections: Correction[]; unknownSkus: string[] };
      return {
        items: was.items,
        corrections: was.corrections,
        unknownSkus: was.unknownSkus,
        restocked: [] as string[],
        waitingOrders: [] as number[],
        repeated: true,
      };
    }
    const codes = [...new Set(input.items.map((i) => i.sku))];
    const known = await createCatalogRepo(tx).skuIdsByCode(shopId, codes);
    const idOf = new Map(known.map((k) => [k.sku, k.id]));
    const levels = await createStockRepo(tx).levelsAt(
      shopId,
      warehouseId,
      known.map((k) => k.id),
    );
    const stock = createStockRepo(tx);
    const corrections: Correction[] = [];
    const rerouted = new Set<number>();
    const unknownSkus: string[] = [];
    for (const item of input.items) {
      const skuId = idOf.get(item.sku);
      if (!skuId) {
        unknownSkus.push(item.sku);
        continue;
      }
      const level = levels.find((l) => l.skuId === skuId);
      const before = level?.onHand ?? 0;
      let reserved = level?.reserved ?? 0;
      if (item.onHand < reserved) {
        for (const orderId of await withdrawUntaken(tx, shopId, warehouseId, skuId, reserved - item.onHand))
          rerouted.add(orderId);
        reserved = (await createStockRepo(tx).level(shopId, warehouseId, skuId))?.reserved ?? 0;
      }
      // units a 3PL already acknowledged stay reserved: the count cannot go below them
      const after = Math.max(item.onHand, reserved);
      const delta = after - before;
      if (delta !== 0)
        await stock.applyMovement(shopId, {
          warehouseId,
          skuId,
          delta,
          reason: 'snapshot_correction',
          reference: `snapshot:${input.snapshotId}`,
        });
      if (delta !== 0 || item.onHand < reserved)
        corrections.push({ sku: item.sku, before, after, delta, short: Math.max(0, reserved - item.onHand) });
    }
    await createAuditRepo(tx).record(
      shopId,
      'warehouse',
      String(warehouseId),
      'inventory_snapshot',
      `warehouse:${warehouseId}`,
      {
        snapshotId: input.snapshotId,
        takenAt: input.takenAt,
        items: input.items.length,
        corrections,
        unknownSkus,
      },
    );
    const restocked = corrections.filter((c) => c.delta > 0).map((c) => c.sku);
    const waitingOrders = await createAllocationsRepo(tx).ordersBackorderedOn(shopId, restocked);
    return {
      items: input.items.length,
      corrections,
      unknownSkus,
      restocked,
      waitingOrders: [...new Set([...waitingOrders, ...rerouted])],
      repeated: false,
    };
  });
  if (result.corrections.length && !result.repeated) await enqueueStockJobs(deps.queues, shopId);
  // units came back: orders waiting for these SKUs get another chance
  for (const orderId of result.waitingOrders)
    await enqueueRouting(deps.queues, { shopId, orderId, reason: 'restocked' });
  return result;
}

/** Cancels not-yet-taken allocations of this SKU at the warehouse, newest first, until `units` are freed. */
async function withdrawUntaken(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  shopId: number,
  warehouseId: number,
  skuId: number,
  units: number,
): Promise<number[]> {
  const repo = createAllocationsRepo(tx);
  const stock = createStockRepo(tx);
  const candidates = await repo.untakenWithSku(shopId, warehouseId, skuId);
  const orders: number[] = [];
  let freed = 0;
  for (const c of candidates) {
    if (freed >= units) break;
    const row = await repo.transition(shopId, c.id, [c.status], 'cancelled', {
      leaseUntil: null,
      leaseToken: null,
      rejectReason: 'stock count below reservation',
    });
    if (!row) continue;
    for (const l of await repo.lines(shopId, [c.id])) {
      await stock.release(shopId, warehouseId, l.skuId, l.quantity - l.shippedQuantity);
      if (l.skuId === skuId) freed += l.quantity - l.shippedQuantity;
    }
    await createOrdersRepo(tx).markNeedsRouting(shopId, c.orderId);
    await createAuditRepo(tx).record(
      shopId,
      'order',
      String(c.orderId),
      'withdrawn_after_count',
      `warehouse:${warehouseId}`,
      { allocationId: c.id },
    );
    orders.push(c.orderId);
  }
  return orders;
}
