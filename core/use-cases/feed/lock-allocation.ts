import type { Tx } from '../../db/client.js';
import { createAllocationsRepo, type AllocationRow } from '../../db/allocations-repo.js';
import { lockKeys } from '../../db/locks.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { NotFoundError } from '../../errors.js';

/**
 * Locks a 3PL's allocation for the rest of the transaction in the one order every path uses:
 * the order first (as routing, hold and cancel do), then the allocation. Answers the allocation
 * as it stands once both locks are held, so the caller decides on its current state.
 */
export async function lockFeedAllocation(tx: Tx, who: FeedPrincipal, allocationId: number): Promise<AllocationRow> {
  const repo = createAllocationsRepo(tx);
  const seen = await repo.withOrderRef(who.shopId, who.warehouseId, allocationId);
  if (!seen) throw new NotFoundError('allocation');
  await lockKeys(tx, [`order:${who.shopId}:${seen.orderExternalId}`, `allocation:${seen.id}`]);
  return (await repo.get(who.shopId, seen.id))!;
}
