import { ConflictError } from '../../errors.js';

/**
 * While a lease is live, only its holder may act on the allocation: the lease token is
 * required and must match. An expired lease protects nothing, so anyone may act.
 */
export function assertLeaseHolder(
  a: { status: string; leaseToken: string | null; leaseUntil: Date | null },
  leaseToken: string | undefined,
  now: Date,
): void {
  if (a.status !== 'leased' || !a.leaseUntil || a.leaseUntil <= now) return;
  if (!leaseToken)
    throw new ConflictError(
      'this allocation is leased: send the leaseToken of your lease',
      { status: a.status, leaseUntil: a.leaseUntil },
      'lease_required',
    );
  if (a.leaseToken !== leaseToken)
    throw new ConflictError(
      'another poller holds the lease on this allocation',
      { status: a.status, leaseUntil: a.leaseUntil },
      'lease_mismatch',
    );
}
