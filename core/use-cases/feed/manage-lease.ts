import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createFeedRepo } from '../../db/feed-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';

export interface LeaseState {
  id: number;
  status: string;
  leaseUntil: Date | null;
}

/**
 * The holder of a lease (its token) releases or extends it. The update itself checks status
 * and token, so a poller that took the allocation after the lease ran out keeps it.
 */
async function changeLease(
  db: Db,
  input: { who: FeedPrincipal; allocationId: number; leaseToken: string },
  until: Date | null,
): Promise<LeaseState> {
  const row = await createFeedRepo(db).setLease(
    input.who.shopId,
    input.who.warehouseId,
    input.allocationId,
    input.leaseToken,
    until,
  );
  if (row) return row;
  const a = await createAllocationsRepo(db).get(input.who.shopId, input.allocationId);
  if (!a || a.warehouseId !== input.who.warehouseId) throw new NotFoundError('allocation');
  if (a.status !== 'leased')
    throw new ConflictError(`allocation is ${a.status}, not leased`, { status: a.status }, 'not_leased');
  throw new ConflictError('this is not your lease: another poller took it', { status: a.status }, 'lease_mismatch');
}

/** The holder gives an allocation back: it is offered to pollers again at once. */
export function releaseLease(
  deps: { db: Db },
  input: { who: FeedPrincipal; allocationId: number; leaseToken: string },
): Promise<LeaseState> {
  return changeLease(deps.db, input, null);
}

/** The holder needs more time: the lease ends `leaseSeconds` from now. */
export function extendLease(
  deps: { db: Db },
  input: { who: FeedPrincipal; allocationId: number; leaseToken: string; leaseSeconds: number; now: Date },
): Promise<LeaseState> {
  return changeLease(deps.db, input, new Date(input.now.getTime() + input.leaseSeconds * 1000));
}
