import type { Tx } from '../../db/client.js';
import { createAllocationsRepo, type AllocationRow } from '../../db/allocations-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { NotFoundError } from '../../errors.js';

/**
 * Locks a 3PL's allocation for the rest of the transaction in the one order every path uses:
 * the order first (as routing, hold and cancel do), then the allocation. Answers the allocation
 * as it stands once both locks are held, so the caller decides on its current state.
 */
export async function lockFeedAllocation(tx: Tx, who: FeedPrincipal, allocationId: number): Promise<AllocationRow> {
  const repo = createAllocationsRepo(tx);
  const seen = await repo.get(who.shopId, allocationId);
  if (!seen || seen.warehouseId !== who.warehouseId) throw new NotFoundError('allocation');
  const order = await createOrdersRepo(tx).get(who.shopId, seen.orderId);
  if (!order) throw new NotFoundError('allocation');
  await lockKey(tx, `order:${who.shopId}:${order.externalId}`);
  await lockKey(tx, `allocation:${seen.id}`);
  return (await repo.get(who.shopId, seen.id))!;
}
