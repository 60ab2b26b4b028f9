import type { IncomingOrder, IncomingOrderLine } from './incoming-order.js';

/** What the order row holds of the version rule, and what routing's outcome depends on. */
export interface StoredOrderVersion {
  sourceUpdatedAt: Date;
  sourceObservedAt: Date | null;
  cancelledAt: Date | null;
  financialStatus: string | null;
  status: string;
  planFingerprint: string | null;
}

/** What storing one version answers (orders-repo's UpsertOrderResult, less the row id). */
export interface VersionOutcome {
  outcome: 'inserted' | 'updated' | 'stale';
  cancelled: boolean;
  cancelledNow: boolean;
  settled: boolean;
  planChanged: boolean;
}

export interface CollapsedWrite {
  /** the newest version stored, with what the earlier stored ones leave behind (a cancellation, a locale, a fulfilment) */
  order: IncomingOrder;
  planFingerprint: string;
  /** the lines the stored versions wrote, newest values last; empty when none wrote lines */
  lines: IncomingOrderLine[];
  /** what the one write must find and leave, or the versions one by one would have gone another way */
  expect: {
    existed: boolean;
    wasCancelled: boolean;
    prevFingerprint: string | null;
    cancelled: boolean;
    status: string;
  };
}

const SETTLED = new Set(['shipped', 'delivered', 'fulfilled_elsewhere']);
const ROUTABLE = new Set(['pending', 'backordered', 'on_hold']);

/** The status a version inserts with (orders-repo's values.status). */
const insertStatus = (o: IncomingOrder) =>
  o.cancelledAt ? 'cancelled' : o.fulfilled ? 'fulfilled_elsewhere' : 'pending';

/** orders-repo's setWhere: whether `v` replaces the held version. */
function replaces(s: StoredOrderVersion, v: IncomingOrder): boolean {
  const held = s.sourceUpdatedAt.getTime();
  const next = v.updatedAt.getTime();
  if (held !== next) return held < next;
  const observed = v.observedAt ?? null;
  return (
    (observed !== null && s.sourceObservedAt !== null && observed.getTime() > s.sourceObservedAt.getTime()) ||
    (s.cancelledAt === null && v.cancelledAt !== null) ||
    (s.financialStatus !== v.financialStatus && v.financialStatus === 'PAID' && s.cancelledAt === null)
  );
}

/**
 * Versions of one order, in the order they came, stored one after the other by upsertIncoming:
 * what each would have answered, and the one write that leaves the same row and lines. The rules
 * mirror upsertIncoming's statement (newest wins, a cancellation sticks, a locale is kept, a
 * version with unchanged plan inputs writes no lines); the write checks its answer against
 * `expect`, so a rule that drifted fails loudly instead of storing something else. `oneByOne`:
 * no single write leaves the same row; the caller stores the versions one after the other.
 */
export function collapseVersions(
  held: StoredOrderVersion | undefined,
  versions: { order: IncomingOrder; planFingerprint: string }[],
): { outcomes: VersionOutcome[]; write: CollapsedWrite | undefined; oneByOne: boolean } {
  let state = held;
  const outcomes: VersionOutcome[] = [];
  const lines = new Map<string, IncomingOrderLine>();
  let first: { existed: boolean; wasCancelled: boolean; prevFingerprint: string | null } | undefined;
  let last: { order: IncomingOrder; planFingerprint: string } | undefined;
  let cancelledAt: Date | null = null;
  let customerLocale: string | null = null;
  let fulfilled = false;
  for (const { order: v, planFingerprint } of versions) {
    if (state && !replaces(state, v)) {
      outcomes.push({
        outcome: 'stale',
        cancelled: state.cancelledAt !== null,
        cancelledNow: false,
        settled: true,
        planChanged: false,
      });
      continue;
    }
    const existed = state !== undefined;
    const wasCancelled = state?.cancelledAt != null;
    const prevFingerprint = state?.planFingerprint ?? null;
    first ??= { existed, wasCancelled, prevFingerprint };
    const vStatus = insertStatus(v);
    const cancel = state?.cancelledAt ?? v.cancelledAt;
    const status = !state
      ? vStatus
      : cancel
        ? 'cancelled'
        : vStatus === 'fulfilled_elsewhere' && ROUTABLE.has(state.status)
          ? 'fulfilled_elsewhere'
          : state.status;
    state = {
      sourceUpdatedAt: v.updatedAt,
      sourceObservedAt: v.observedAt ?? null,
      cancelledAt: cancel,
      financialStatus: v.financialStatus,
      status,
      planFingerprint,
    };
    if (!(existed && prevFingerprint === planFingerprint)) for (const l of v.lines) lines.set(l.externalId, l);
    cancelledAt ??= v.cancelledAt;
    customerLocale = v.customerLocale ?? customerLocale;
    fulfilled ||= v.fulfilled;
    last = { order: v, planFingerprint };
    const cancelled = cancel !== null;
    outcomes.push({
      outcome: existed ? 'updated' : 'inserted',
      cancelled,
      cancelledNow: cancelled && !wasCancelled,
      settled: cancelled || SETTLED.has(status),
      planChanged: !existed || prevFingerprint !== planFingerprint,
    });
  }
  if (!last || !first || !state) return { outcomes, write: undefined, oneByOne: false };
  const order = { ...last.order, cancelledAt, customerLocale, fulfilled };
  // the rule is not transitive within one second (a later observation, then a payment observed
  // earlier): when the newest stored version would not replace the held one, the versions must
  // be written one by one
  if (held && !replaces(held, order)) return { outcomes, write: undefined, oneByOne: true };
  return {
    outcomes,
    write: {
      order,
      planFingerprint: last.planFingerprint,
      lines: [...lines.values()],
      expect: { ...first, cancelled: state.cancelledAt !== null, status: state.status },
    },
    oneByOne: false,
  };
}
