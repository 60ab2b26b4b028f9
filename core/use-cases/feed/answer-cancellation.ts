import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { ConflictError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFulfillmentRequests, enqueueStockJobs } from '../../queue/producers.js';
import { lockFeedAllocation } from './lock-allocation.js';

/**
 * The 3PL answers a cancellation request: accepted releases what was not shipped; refused (it
 * already left) puts the allocation back where it was. Either way Shopify hears the answer.
 */
export async function answerCancellation(
  deps: { db: Db; queues: Queues },
  input: { who: FeedPrincipal; allocationId: number; accept: boolean; reason?: string },
) {
  return deps.db
    .transaction(async (tx) => {
      const repo = createAllocationsRepo(tx);
      const a = await lockFeedAllocation(tx, input.who, input.allocationId);
      if (a.status !== 'cancel_requested')
        throw new ConflictError(`allocation is ${a.status}; no cancellation is pending`, { status: a.status });
      const lines = await repo.lines(input.who.shopId, [a.id]);
      if (input.accept) {
        // stock moves only when this call made the change: a parallel answer releases nothing twice
        if (!(await repo.transition(input.who.shopId, a.id, ['cancel_requested'], 'cancelled')))
          throw new ConflictError('the cancellation was already answered');
        const stock = createStockRepo(tx);
        for (const l of lines)
          await stock.release(input.who.shopId, a.warehouseId, l.skuId, l.quantity - l.shippedQuantity);
      } else {
        const anyShipped = lines.some((l) => l.shippedQuantity > 0);
        if (
          !(await repo.transition(
            input.who.shopId,
            a.id,
            ['cancel_requested'],
            anyShipped ? 'partially_shipped' : 'acknowledged',
          ))
        )
          throw new ConflictError('the cancellation was already answered');
      }
      await createAuditRepo(tx).record(
        input.who.shopId,
        'order',
        String(a.orderId),
        input.accept ? 'cancellation_accepted_by_3pl' : 'cancellation_refused_by_3pl',
        `warehouse:${a.warehouseId}`,
        { allocationId: a.id, reason: input.reason },
      );
      return { status: input.accept ? 'cancelled' : 'kept', foPending: !!a.fulfillmentOrderExternalId };
    })
    .then(async (r) => {
      // a Shopify cancellation request may be waiting on this answer
      if (r.foPending) await enqueueFulfillmentRequests(deps.queues, input.who.shopId, Date.now());
      if (input.accept) await enqueueStockJobs(deps.queues, input.who.shopId);
      return { status: r.status };
    });
}
