import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { ConflictError } from '../../errors.js';
import { assertLeaseHolder } from './lease-guard.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueRouting, enqueueStockJobs } from '../../queue/producers.js';
import { lockFeedAllocation } from './lock-allocation.js';

/** The 3PL cannot ship it: release the stock and route the order again, without this warehouse. */
export async function rejectAllocation(
  deps: { db: Db; queues: Queues },
  input: { who: FeedPrincipal; allocationId: number; reason: string; message?: string; leaseToken?: string },
) {
  const result = await deps.db.transaction(async (tx) => {
    const repo = createAllocationsRepo(tx);
    const a = await lockFeedAllocation(tx, input.who, input.allocationId);
    if (a.status === 'rejected') return { orderId: a.orderId, changed: false };
    assertLeaseHolder(a, input.leaseToken, new Date());
    const row = await repo.transition(input.who.shopId, a.id, ['ready', 'leased', 'acknowledged'], 'rejected', {
      rejectReason: `${input.reason}${input.message ? `: ${input.message}` : ''}`,
      leaseUntil: null,
      leaseToken: null,
    });
    if (!row) throw new ConflictError(`allocation is ${a.status} and can no longer be rejected`, { status: a.status });
    const stock = createStockRepo(tx);
    for (const l of await repo.lines(input.who.shopId, [a.id]))
      await stock.release(input.who.shopId, a.warehouseId, l.skuId, l.quantity - l.shippedQuantity);
    await createOrdersRepo(tx).markNeedsRouting(input.who.shopId, a.orderId);
    await createAuditRepo(tx).record(
      input.who.shopId,
      'order',
      String(a.orderId),
      'rejected_by_3pl',
      `warehouse:${a.warehouseId}`,
      { allocationId: a.id, reason: input.reason, message: input.message },
    );
    return { orderId: a.orderId, changed: true };
  });
  if (result.changed) {
    await enqueueRouting(deps.queues, { shopId: input.who.shopId, orderId: result.orderId, reason: 'rejected_by_3pl' });
    await enqueueStockJobs(deps.queues, input.who.shopId);
  }
  return { status: 'rejected' as const, rerouting: result.changed };
}
