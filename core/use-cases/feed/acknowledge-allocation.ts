import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createFeedRepo } from '../../db/feed-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { assertLeaseHolder } from './lease-guard.js';

/**
 * The 3PL confirms it has the order: from here on, cancelling needs its agreement. One
 * statement does the move, the hand-over rollup and the audit entry; what it saw of the
 * allocation explains a refusal.
 */
export async function acknowledgeAllocation(
  deps: { db: Db },
  input: { who: FeedPrincipal; allocationId: number; leaseToken?: string },
) {
  const now = new Date();
  const seen = await createFeedRepo(deps.db).acknowledge(input.who.shopId, input.who.warehouseId, input.allocationId, {
    leaseToken: input.leaseToken ?? null,
    now,
    actor: `warehouse:${input.who.warehouseId}`,
  });
  if (!seen) throw new NotFoundError('allocation');
  if (seen.moved) return { status: 'acknowledged' as const, changed: true };
  if (seen.status === 'acknowledged') return { status: seen.status, changed: false };
  assertLeaseHolder(seen, input.leaseToken, now);
  throw new ConflictError(`allocation is ${seen.status}; only ready or leased allocations can be acknowledged`, {
    status: seen.status,
  });
}
