import type { Tx } from '../../db/client.js';
import { createAllocationsRepo, type AllocationRow } from '../../db/allocations-repo.js';
import { lockWarehouseAllocation } from '../../db/locks.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { NotFoundError } from '../../errors.js';

/**
 * Locks a 3PL's allocation for the rest of the transaction in the one order every path uses:
 * the order first (as routing, hold and cancel do), then the allocation. Answers the allocation
 * as it stands once both locks are held, so the caller decides on its current state.
 */
export async function lockFeedAllocation(tx: Tx, who: FeedPrincipal, allocationId: number): Promise<AllocationRow> {
  if (!(await lockWarehouseAllocation(tx, who.shopId, who.warehouseId, allocationId)))
    throw new NotFoundError('allocation');
  const a = await createAllocationsRepo(tx).get(who.shopId, allocationId);
  if (!a) throw new NotFoundError('allocation');
  return a;
}
