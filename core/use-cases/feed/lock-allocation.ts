import type { Tx } from '../../db/client.js';
import { createAllocationsRepo, type AllocationRow } from '../../db/allocations-repo.js';
import { lockWarehouseAllocation } from '../../db/locks.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { NotFoundError } from '../../errors.js';

/**
 * Locks a 3PL's allocation for the rest of the transaction in the one order every path uses:
 * the order first (as routing, hold and cancel do), then the allocation. 404 when the
 * warehouse holds no such allocation.
 */
export async function lockFeedAllocationOnly(tx: Tx, who: FeedPrincipal, allocationId: number): Promise<void> {
  if (!(await lockWarehouseAllocation(tx, who.shopId, who.warehouseId, allocationId)))
    throw new NotFoundError('allocation');
}

/** Locks as `lockFeedAllocationOnly`, then answers the allocation as it stands once both locks are held. */
export async function lockFeedAllocation(tx: Tx, who: FeedPrincipal, allocationId: number): Promise<AllocationRow> {
  await lockFeedAllocationOnly(tx, who, allocationId);
  const a = await createAllocationsRepo(tx).get(who.shopId, allocationId);
  if (!a) throw new NotFoundError('allocation');
  return a;
}
