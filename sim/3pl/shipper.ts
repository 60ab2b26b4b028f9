import type { Clock } from '../shopify/core/clock.js';
import type { Prng } from '../shopify/core/prng.js';
import type { CarrierName } from './carriers.js';
import type { FeedClient } from './feed-client.js';
import {
  shipmentResultSchema,
  trackingEventResultSchema,
  type ShipmentRequest,
  type TrackingStatus,
} from './feed-schemas.js';
import { mapLimit } from './map-limit.js';
import { drawDelay, type DelaySpec, type RobotLog, type TrackingSchedule } from './options.js';
import { planParcels, planScans, type PackingRules, type ParcelLine } from './parcel-plan.js';
import type { StatsRecorder } from './stats.js';
import type { StockBook } from './stock-book.js';

/** A carrier scan of one parcel and whether the app has it. */
export interface ScanState {
  status: TrackingStatus;
  afterMs: number;
  description: string;
  location: string | null;
  /** fixed at the first attempt so a retry is the same event */
  occurredAt: number | null;
  posted: boolean;
}

/** One parcel of an allocation. */
export interface ParcelState {
  index: number;
  /** sent as Idempotency-Key: the same for every retry of this parcel */
  idempotencyKey: string;
  lines: ParcelLine[];
  carrier: CarrierName;
  carrierLabel: string;
  trackingNumbers: string[];
  trackingUrl: string | null;
  /** wait after acknowledgement (first parcel) or after the previous parcel */
  delayMs: number;
  dueAt: number | null;
  /** when the parcel was handed to the carrier, fixed at the first report attempt */
  handedOverAt: number | null;
  /** set once the app recorded the parcel */
  shippedAt: number | null;
  shipmentId: number | null;
  /** the carrier name the app settled on (null: it did not recognise it) */
  appCarrier: string | null;
  appTrackingUrls: string[];
  scans: ScanState[];
}

/** An allocation the warehouse accepted, from acknowledgement to its last parcel. */
export interface JobState {
  allocationId: number;
  orderName: string;
  /** open: parcels still to leave; lost: the app would not take our parcel (cancelled, or shipped by someone else) */
  status: 'open' | 'shipped' | 'cancelled' | 'lost';
  leasedAt: number | null;
  acknowledgedAt: number;
  parcels: ParcelState[];
}

/** What the shipping floor needs to know about an allocation it accepted. */
export interface AcceptedAllocation {
  allocationId: number;
  /** the app's stable key for the allocation; parcel keys derive from it */
  allocationKey: string;
  orderName: string;
  lines: ParcelLine[];
  city: string | null;
}

/** An allocation packed on paper, not yet accepted. */
export interface PreparedJob {
  allocationId: number;
  orderName: string;
  parcels: ParcelState[];
}

/** Dependencies of {@link createShipper}. */
export interface ShipperDeps {
  client: FeedClient;
  book: StockBook;
  stats: StatsRecorder;
  clock: Clock;
  packing: PackingRules;
  schedule: TrackingSchedule;
  shipDelayMs: DelaySpec;
  concurrency: number;
  log: RobotLog;
}

/**
 * The shipping floor: packs accepted allocations, reports each parcel once (stable idempotency
 * keys, so a retry after a timeout cannot ship twice), then reports the carrier's scans.
 */
export function createShipper(d: ShipperDeps) {
  const jobs = new Map<number, JobState>();
  const fail = (what: string, e: unknown): void => {
    d.stats.counters.errors++;
    d.log(`${what} failed: ${(e as Error).message}`);
  };

  /**
   * Packs an allocation before it is accepted, drawing every choice (parcels, carrier, labels,
   * delays, scans) from `random`, which the caller seeds per allocation so the plan does not
   * depend on the order replies arrive in.
   */
  function prepare(a: AcceptedAllocation, random: Prng): PreparedJob {
    const parcels = planParcels(a.lines, d.packing, random).map((p, i): ParcelState => ({
      index: i + 1,
      idempotencyKey: `${a.allocationKey}:parcel-${i + 1}`,
      lines: p.lines,
      carrier: p.carrier.name,
      carrierLabel: p.carrier.label,
      trackingNumbers: p.trackingNumbers,
      trackingUrl: p.trackingUrl,
      delayMs: drawDelay(d.shipDelayMs, {
        allocationId: a.allocationId,
        units: p.lines.reduce((n, l) => n + l.quantity, 0),
        random,
      }),
      dueAt: null,
      handedOverAt: null,
      shippedAt: null,
      shipmentId: null,
      appCarrier: null,
      appTrackingUrls: [],
      scans: planScans(d.schedule, a.city, random).map((s) => ({ ...s, occurredAt: null, posted: false })),
    }));
    return { allocationId: a.allocationId, orderName: a.orderName, parcels };
  }

  /** The allocation is ours: the first parcel is due after its delay. */
  function accept(prepared: PreparedJob, leasedAt: number | null): JobState {
    const now = d.clock.now();
    const first = prepared.parcels[0];
    if (first) first.dueAt = now + first.delayMs;
    const job: JobState = { ...prepared, status: first ? 'open' : 'shipped', leasedAt, acknowledgedAt: now };
    jobs.set(job.allocationId, job);
    d.stats.acknowledged(job.allocationId, leasedAt, now);
    return job;
  }

  const unshipped = (job: JobState): ParcelLine[] =>
    job.parcels.filter((p) => p.shippedAt === null).flatMap((p) => p.lines);

  function close(job: JobState, status: 'cancelled' | 'lost'): void {
    if (job.status !== 'open') return;
    d.book.release(unshipped(job));
    job.status = status;
    if (status === 'lost') d.stats.counters.lost++;
  }

  async function shipParcel(job: JobState, p: ParcelState): Promise<void> {
    p.handedOverAt ??= d.clock.now();
    const body: ShipmentRequest = {
      lines: p.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      carrier: p.carrierLabel,
      trackingNumbers: p.trackingNumbers,
      ...(p.trackingUrl ? { trackingUrl: p.trackingUrl } : {}),
      shippedAt: new Date(p.handedOverAt).toISOString(),
    };
    const out = await d.client.send(
      { method: 'POST', path: `/allocations/${job.allocationId}/shipments`, body, idempotencyKey: p.idempotencyKey },
      shipmentResultSchema,
    );
    if (!out.ok) {
      const appStatus = (out.details as { status?: unknown } | undefined)?.status;
      if (out.status === 409 && appStatus === 'reserved') {
        // pushed to us a moment before the app recorded the hand-over: try again next cycle
        d.log(`allocation ${job.allocationId}: not handed over yet, parcel ${p.index} waits`);
        return;
      }
      // 409: cancelled or already complete; 404: no longer ours; 422: someone shipped these units
      d.log(`allocation ${job.allocationId}: parcel ${p.index} refused (${out.status} ${out.code}: ${out.message})`);
      if (out.status === 422) d.stats.counters.errors++;
      close(job, 'lost');
      return;
    }
    const at = p.handedOverAt;
    p.shippedAt = at;
    p.shipmentId = out.value.shipmentId;
    p.appCarrier = out.value.carrier;
    p.appTrackingUrls = out.value.trackingUrls;
    d.book.ship(p.lines);
    d.stats.counters.shippedParcels++;
    d.stats.counters.shippedUnits += p.lines.reduce((n, l) => n + l.quantity, 0);
    const next = job.parcels.find((x) => x.index === p.index + 1);
    if (next) next.dueAt = at + next.delayMs;
    const last = !next;
    d.stats.parcelLeft(job.allocationId, at, last);
    if (last) {
      job.status = 'shipped';
      d.stats.counters.shippedAllocations++;
    }
    d.log(
      `allocation ${job.allocationId} (${job.orderName}): parcel ${p.index} left with ${p.carrierLabel} ${p.trackingNumbers.join(', ')}`,
    );
  }

  async function postScan(p: ParcelState, scan: ScanState, previous: number): Promise<boolean> {
    scan.occurredAt ??= Math.max(d.clock.now(), previous + 1);
    const out = await d.client.send(
      {
        method: 'POST',
        path: `/shipments/${p.shipmentId}/events`,
        body: {
          status: scan.status,
          occurredAt: new Date(scan.occurredAt).toISOString(),
          description: scan.description,
          ...(scan.location ? { location: scan.location } : {}),
        },
      },
      trackingEventResultSchema,
    );
    if (!out.ok) {
      d.log(`shipment ${p.shipmentId}: ${scan.status} refused (${out.status} ${out.code})`);
      d.stats.counters.errors++;
      // a refused scan is not retried: the next one carries on
      scan.posted = true;
      return false;
    }
    scan.posted = true;
    d.stats.counters.eventsPosted++;
    return true;
  }

  /** Parcels whose time has come leave; scans whose time has come are reported (several per parcel if due). */
  async function runDue(): Promise<void> {
    const now = d.clock.now();
    const due: [JobState, ParcelState][] = [];
    for (const job of jobs.values()) {
      if (job.status !== 'open') continue;
      const p = job.parcels.find((x) => x.shippedAt === null);
      if (p && p.dueAt !== null && p.dueAt <= now) due.push([job, p]);
    }
    await mapLimit(due, d.concurrency, async ([job, p]) => {
      try {
        await shipParcel(job, p);
      } catch (e) {
        fail(`allocation ${job.allocationId} parcel ${p.index}`, e);
      }
    });

    const parcels = [...jobs.values()]
      .flatMap((j) => j.parcels)
      .filter((p) => p.shipmentId !== null && p.scans.some((s) => !s.posted));
    await mapLimit(parcels, d.concurrency, async (p) => {
      for (const scan of p.scans) {
        if (scan.posted) continue;
        if (p.shippedAt === null || p.shippedAt + scan.afterMs > d.clock.now()) return;
        const previous = Math.max(p.shippedAt, ...p.scans.map((s) => s.occurredAt ?? 0));
        try {
          await postScan(p, scan, previous);
        } catch (e) {
          fail(`shipment ${p.shipmentId} ${scan.status}`, e);
          return;
        }
      }
    });
  }

  return {
    prepare,
    accept,
    runDue,
    get: (allocationId: number): JobState | undefined => jobs.get(allocationId),
    /** true when a parcel of the allocation already left (a cancellation then comes too late). */
    anyShipped: (allocationId: number): boolean =>
      jobs.get(allocationId)?.parcels.some((p) => p.shippedAt !== null) ?? false,
    /** The app confirmed the cancellation: nothing more leaves, the commitment goes back to the shelves. */
    cancelled(allocationId: number): void {
      const job = jobs.get(allocationId);
      if (job) close(job, 'cancelled');
    },
    /** true while a parcel report may or may not have reached the app (the book cannot be trusted yet). */
    uncertain: (): boolean =>
      [...jobs.values()].some(
        (j) => j.status === 'open' && j.parcels.some((p) => p.handedOverAt !== null && p.shippedAt === null),
      ),
    jobs: (): JobState[] => [...jobs.values()].map((j) => structuredClone(j)),
  };
}

/** The shipping floor; see {@link createShipper}. */
export type Shipper = ReturnType<typeof createShipper>;
