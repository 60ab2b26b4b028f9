import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { assertLeaseHolder } from './lease-guard.js';

/** The 3PL confirms it has the order: from here on, cancelling needs its agreement. */
export async function acknowledgeAllocation(
  deps: { db: Db },
  input: { who: FeedPrincipal; allocationId: number; leaseToken?: string },
) {
  return deps.db.transaction(async (tx) => {
    const repo = createAllocationsRepo(tx);
    const a = await repo.get(input.who.shopId, input.allocationId);
    if (!a || a.warehouseId !== input.who.warehouseId) throw new NotFoundError('allocation');
    if (a.status === 'acknowledged') return { status: a.status, changed: false };
    assertLeaseHolder(a, input.leaseToken, new Date());
    const row = await repo.transition(input.who.shopId, a.id, ['ready', 'leased'], 'acknowledged', {
      acknowledgedAt: new Date(),
      leaseUntil: null,
      leaseToken: null,
    });
    if (!row)
      throw new ConflictError(`allocation is ${a.status}; only ready or leased allocations can be acknowledged`, {
        status: a.status,
      });
    await createAuditRepo(tx).record(
      input.who.shopId,
      'order',
      String(a.orderId),
      'acknowledged_by_3pl',
      `warehouse:${a.warehouseId}`,
      { allocationId: a.id },
    );
    return { status: row.status, changed: true };
  });
}
