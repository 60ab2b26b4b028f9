/** Timings of one allocation through the warehouse, in clock milliseconds. */
export interface AllocationLatency {
  allocationId: number;
  /** null when the allocation was pushed to us rather than leased */
  leasedAt: number | null;
  acknowledgedAt: number;
  firstParcelAt: number | null;
  /** when its last parcel left */
  shippedAt: number | null;
  leaseToAckMs: number | null;
  ackToFirstParcelMs: number | null;
  ackToShipMs: number | null;
}

/** What the robot did so far. */
export interface ThreePlStats {
  /** poll cycles that reached the feed */
  polled: number;
  leased: number;
  acknowledged: number;
  rejected: number;
  rejectedFor: Record<string, number>;
  /** allocations another poller took first, or that were cancelled before they could ship */
  lost: number;
  shippedParcels: number;
  shippedUnits: number;
  /** allocations whose every parcel left */
  shippedAllocations: number;
  eventsPosted: number;
  cancellationsAccepted: number;
  cancellationsRefused: number;
  cancellationsAnswered: number;
  snapshots: number;
  snapshotCorrections: number;
  retries: number;
  errors: number;
  latencies: AllocationLatency[];
}

/** Mutable counters behind `stats()`; the copy handed out is detached. */
export function createStats() {
  const s: Omit<ThreePlStats, 'latencies' | 'cancellationsAnswered'> = {
    polled: 0,
    leased: 0,
    acknowledged: 0,
    rejected: 0,
    rejectedFor: {},
    lost: 0,
    shippedParcels: 0,
    shippedUnits: 0,
    shippedAllocations: 0,
    eventsPosted: 0,
    cancellationsAccepted: 0,
    cancellationsRefused: 0,
    snapshots: 0,
    snapshotCorrections: 0,
    retries: 0,
    errors: 0,
  };
  const latencies = new Map<number, AllocationLatency>();
  return {
    counters: s,
    rejected(reason: string): void {
      s.rejected++;
      s.rejectedFor[reason] = (s.rejectedFor[reason] ?? 0) + 1;
    },
    acknowledged(allocationId: number, leasedAt: number | null, at: number): void {
      latencies.set(allocationId, {
        allocationId,
        leasedAt,
        acknowledgedAt: at,
        firstParcelAt: null,
        shippedAt: null,
        leaseToAckMs: leasedAt === null ? null : at - leasedAt,
        ackToFirstParcelMs: null,
        ackToShipMs: null,
      });
    },
    parcelLeft(allocationId: number, at: number, last: boolean): void {
      const l = latencies.get(allocationId);
      if (!l) return;
      if (l.firstParcelAt === null) {
        l.firstParcelAt = at;
        l.ackToFirstParcelMs = at - l.acknowledgedAt;
      }
      if (last) {
        l.shippedAt = at;
        l.ackToShipMs = at - l.acknowledgedAt;
      }
    },
    snapshot(): ThreePlStats {
      return {
        ...s,
        rejectedFor: { ...s.rejectedFor },
        cancellationsAnswered: s.cancellationsAccepted + s.cancellationsRefused,
        latencies: [...latencies.values()].map((l) => ({ ...l })),
      };
    },
  };
}

/** The robot's counters; see {@link createStats}. */
export type StatsRecorder = ReturnType<typeof createStats>;
