import type { Tx } from '../../db/client.js';
import { createAllocationsRepo, type AllocationRow } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';

export interface CancelOutcome {
  /** cancelled here and now, stock released */
  cancelled: AllocationRow[];
  /** already with the 3PL: a cancellation request is now pending there */
  requested: AllocationRow[];
  /** already shipped: nothing to cancel */
  shipped: AllocationRow[];
}

/**
 * Takes an order back from its warehouses: what no 3PL has taken yet is cancelled and its stock
 * released; what a 3PL acknowledged becomes a cancellation request it must answer.
 */
export async function cancelOrderAllocations(
  tx: Tx,
  shopId: number,
  orderId: number,
  actor: string,
  opts: { onlyUntaken?: boolean } = {},
): Promise<CancelOutcome> {
  const allocations = createAllocationsRepo(tx);
  const stock = createStockRepo(tx);
  const out: CancelOutcome = { cancelled: [], requested: [], shipped: [] };
  for (const a of await allocations.forOrder(shopId, orderId)) {
    if (a.status === 'reserved' || a.status === 'ready' || a.status === 'leased') {
      const row = await allocations.transition(shopId, a.id, [a.status], 'cancelled', {
        leaseUntil: null,
        leaseToken: null,
      });
      if (!row) continue;
      for (const l of await allocations.lines(shopId, [a.id]))
        await stock.release(shopId, a.warehouseId, l.skuId, l.quantity - l.shippedQuantity);
      out.cancelled.push(row);
    } else if (opts.onlyUntaken) {
      continue;
    } else if (a.status === 'acknowledged' || a.status === 'partially_shipped') {
      const row = await allocations.transition(shopId, a.id, [a.status], 'cancel_requested');
      if (row) out.requested.push(row);
    } else if (a.status === 'shipped') {
      out.shipped.push(a);
    }
  }
  if (!opts.onlyUntaken) await allocations.closeBackorders(shopId, orderId, 'cancelled');
  await createAuditRepo(tx).record(shopId, 'order', String(orderId), 'allocations_cancelled', actor, {
    cancelled: out.cancelled.map((a) => a.id),
    requested: out.requested.map((a) => a.id),
    shipped: out.shipped.map((a) => a.id),
  });
  return out;
}
