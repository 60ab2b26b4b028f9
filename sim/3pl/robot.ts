import { systemClock } from '../shopify/core/clock.js';
import { createPrng, seedFromString, type Prng } from '../shopify/core/prng.js';
import { checkFeed } from './feed-check.js';
import { answerCancellations } from './cancellations.js';
import {
  acknowledgeResultSchema,
  allocationPageSchema,
  leaseResultSchema,
  rejectResultSchema,
  type FeedAllocation,
  type RejectReason,
} from './feed-schemas.js';
import { mapLimit } from './map-limit.js';
import type { ThreePlRobotOptions } from './options.js';
import { createShippingFloor } from './shipping-floor.js';
import { createSnapshots, type SnapshotRecord } from './snapshots.js';
import { createReturnsDesk } from './returns-desk.js';
import type { ThreePlStats } from './stats.js';
import type { BookEntry } from './stock-book.js';
import type { JobState, PreparedJob } from './shipper.js';

/** With the long poll on, timed cycles read the feed for cancellations and returns every this many cycles. */
const LISTING_CYCLES = 5;
/** With the long poll on, timed cycles look for new work themselves (a long-poll answer may be lost) every this many. */
const LONG_POLL_FALLBACK_CYCLES = 10;

/** What the robot holds right now (a detached copy). */
export interface ThreePlRobotState {
  name: string;
  running: boolean;
  /** in `track` mode: committed and shipped units only */
  book: Record<string, BookEntry>;
  jobs: JobState[];
  /** acknowledgements whose answer was lost; retried next cycle */
  pendingAcks: number[];
  lastSnapshot: SnapshotRecord | null;
}

/** A running pull-mode 3PL; see {@link createThreePlRobot}. */
export interface ThreePlRobot {
  /** Checks the feed's OpenAPI document, then polls every `pollIntervalMs` until stopped. */
  start(): Promise<void>;
  /** Stops polling and waits for the cycle in flight. */
  stop(): Promise<void>;
  /** One poll cycle: cancellations, lease and acknowledge, due parcels and scans, due snapshot. */
  tick(): Promise<void>;
  /** Posts a snapshot of the book now (skipped in `track` mode or while a parcel's fate is unknown). */
  snapshotNow(): Promise<SnapshotRecord | null>;
  stats(): ThreePlStats;
  state(): ThreePlRobotState;
}

const otherReasons: readonly { reason: RejectReason; message: string }[] = [
  { reason: 'incorrect_address', message: 'Adresse incomplète : numéro de rue manquant' },
  { reason: 'cannot_ship_destination', message: 'Destination non desservie par nos transporteurs' },
  { reason: 'other', message: 'Article endommagé au prélèvement' },
];

/**
 * A third-party warehouse that pulls its work from the app's feed: leases allocations,
 * acknowledges or refuses them against its own stock book, ships them after a delay (sometimes
 * in two parcels), reports carrier scans, answers cancellation requests and counts its stock.
 * It reaches the app over HTTP only.
 */
export function createThreePlRobot(opts: ThreePlRobotOptions): ThreePlRobot {
  const name = opts.name ?? '3pl-robot';
  const clock = opts.clock ?? systemClock;
  const seed = typeof opts.seed === 'string' ? seedFromString(opts.seed) : (opts.seed ?? 1);
  const leaseLimit = Math.min(100, Math.max(1, opts.leaseLimit ?? 20));
  const leaseSeconds = Math.min(3600, Math.max(30, opts.leaseSeconds ?? 300));
  const rejectRate = opts.rejectRate ?? 0;
  const inventory = { onHand: 'track' as const, snapshotEveryMs: null, drift: null, ...opts.inventory };
  const floor = createShippingFloor(opts, inventory.onHand, seed);
  const { client, book, stats, shipper, log, concurrency } = floor;
  const snapshots = createSnapshots({
    client,
    book,
    stats,
    clock,
    name,
    drift: inventory.drift,
    random: createPrng(seed ^ 0x5eed),
    log,
    uncertain: () => shipper.uncertain(),
  });
  const returnsDesk = opts.returns
    ? createReturnsDesk({ client, clock, random: createPrng(seed ^ 0x7e7), log, options: opts.returns, name })
    : null;
  const pendingAcks = new Map<number, { prepared: PreparedJob; leasedAt: number; leaseToken: string }>();
  let lastSnapshotAt = clock.now();
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  // intake has its own chain: new work is taken while a long shipping or cancellation phase runs
  let intakeChain: Promise<void> = Promise.resolve();

  const allocationRandom = (a: FeedAllocation): Prng => createPrng(seedFromString(`${seed}:${a.idempotencyKey}`));
  const failed = (what: string, e: unknown): void => {
    stats.counters.errors++;
    log(`${what} failed: ${(e as Error).message}`);
  };

  async function reject(a: FeedAllocation, reason: RejectReason, message: string, leaseToken: string): Promise<void> {
    const out = await client.send(
      { method: 'POST', path: `/allocations/${a.id}/reject`, body: { reason, message, leaseToken } },
      rejectResultSchema,
    );
    if (out.ok) {
      stats.rejected(reason);
      log(`allocation ${a.id} (${a.orderName}): rejected, ${reason}: ${message}`);
    } else if (out.status !== 409 && out.status !== 404) {
      failed(`rejecting ${a.id}`, new Error(`${out.status} ${out.code}`));
    }
  }

  async function acknowledge(
    id: number,
    prepared: PreparedJob,
    leasedAt: number,
    retried: boolean,
    leaseToken: string,
  ): Promise<void> {
    const lines = prepared.parcels.flatMap((p) => p.lines);
    let out;
    try {
      out = await client.send(
        { method: 'POST', path: `/allocations/${id}/acknowledge`, body: { leaseToken } },
        acknowledgeResultSchema,
      );
    } catch (e) {
      // the acknowledgement may have landed: ask again next cycle, keeping the stock promised
      pendingAcks.set(id, { prepared, leasedAt, leaseToken });
      failed(`acknowledging ${id}`, e);
      return;
    }
    pendingAcks.delete(id);
    // "no change" on a first, clean attempt means another poller acknowledged it
    if (!out.ok || (!out.value.changed && !out.ambiguous && !retried)) {
      book.release(lines);
      stats.counters.lost++;
      log(`allocation ${id}: not ours (${out.ok ? 'acknowledged by another poller' : `${out.status} ${out.code}`})`);
      return;
    }
    stats.counters.acknowledged++;
    shipper.accept(prepared, leasedAt);
  }

  async function intake(): Promise<void> {
    await mapLimit([...pendingAcks], concurrency, ([id, p]) =>
      acknowledge(id, p.prepared, p.leasedAt, true, p.leaseToken),
    );
    const out = await client.send(
      { method: 'POST', path: `/allocations/lease?limit=${leaseLimit}&leaseSeconds=${leaseSeconds}` },
      leaseResultSchema,
    );
    if (!out.ok) throw new Error(`lease: ${out.status} ${out.code}`);
    stats.counters.polled++;
    stats.counters.leased += out.value.items.length;
    const leasedAt = clock.now();
    // decisions first, in lease order, so the book is read and promised without interleaving
    const decided = out.value.items
      .filter((a) => !shipper.get(a.id) && !pendingAcks.has(a.id))
      .map((a) => {
        const random = allocationRandom(a);
        const lines = a.lines
          .map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity - l.shippedQuantity }))
          .filter((l) => l.quantity > 0);
        const refuse = random.chance(rejectRate) ? random.pick(otherReasons) : null;
        if (refuse) return { a, refuse };
        const promised = book.commit(lines);
        if (!promised.ok) {
          const s = promised.shortage;
          return {
            a,
            refuse:
              s.reason === 'invalid_sku'
                ? { reason: s.reason, message: `Référence inconnue : ${s.sku}` }
                : { reason: s.reason, message: `${s.sku} : ${s.available} disponible(s) pour ${s.wanted}` },
          };
        }
        return {
          a,
          prepared: shipper.prepare(
            {
              allocationId: a.id,
              allocationKey: a.idempotencyKey,
              orderName: a.orderName,
              lines,
              city: a.shipTo?.city ?? null,
            },
            random,
          ),
        };
      });
    await mapLimit(decided, concurrency, async (x) => {
      try {
        if (x.refuse) await reject(x.a, x.refuse.reason, x.refuse.message, out.value.leaseToken);
        else if (x.prepared) await acknowledge(x.a.id, x.prepared, leasedAt, false, out.value.leaseToken);
      } catch (e) {
        failed(`allocation ${x.a.id}`, e);
      }
    });
  }

  /** `listing`: also read the feed for cancellations and returns (not on every timed cycle) */
  async function cycle(listing = true): Promise<void> {
    const phases: [string, () => Promise<unknown>][] = [
      ['cancellations', async () => listing && answerCancellations({ client, shipper, stats, log, concurrency })],
      ['shipping', () => shipper.runDue()],
      ['returns', async () => listing && returnsDesk?.run()],
      [
        'snapshot',
        async () => {
          const every = inventory.snapshotEveryMs;
          if (!every || clock.now() - lastSnapshotAt < every) return;
          if (await snapshots.post()) lastSnapshotAt = clock.now();
        },
      ],
    ];
    for (const [what, run] of phases) {
      try {
        await run();
      } catch (e) {
        failed(what, e);
      }
    }
  }

  const takeWork = (): Promise<void> =>
    (intakeChain = intakeChain.then(() =>
      intake().catch((e: unknown) => {
        failed('intake', e);
      }),
    ));
  const tick = async (): Promise<void> => {
    await Promise.all([takeWork(), (chain = chain.then(() => cycle()))]);
  };

  // the long poll only listens: when work is waiting it runs a cycle now instead of at the next interval
  // stop() waits for the poll in flight (cutting it would leave the app a half-open connection), so keep it short
  const longPollWait = Math.max(
    0,
    Math.min(opts.longPollSeconds ?? 5, Math.floor(floor.retryTimeoutMs / 1000) - 2, 30),
  );
  let watching: Promise<void> = Promise.resolve();
  async function watch(): Promise<void> {
    while (running) {
      const started = Date.now();
      try {
        const out = await client.send(
          { method: 'GET', path: `/allocations?status=takeable&limit=1&wait=${longPollWait}` },
          allocationPageSchema,
        );
        if (!running) return;
        if (out.ok && out.value.items.length > 0) await takeWork();
        else if (!out.ok) failed('long poll', new Error(`${out.status} ${out.code}`));
      } catch (e) {
        if (!running) return;
        failed('long poll', e);
      }
      // never spin: work the cycle could not take waits for the next interval
      const spent = Date.now() - started;
      if (running && spent < 250) await new Promise((r) => setTimeout(r, 250 - spent));
    }
  }

  return {
    async start() {
      if (running) return;
      await checkFeed(client);
      running = true;
      log(`${name}: polling ${client.base} every ${opts.pollIntervalMs ?? 1000} ms`);
      // with the long poll listening for new work, the timed cycle ships what is due and reads the
      // feed itself only every few cycles (new work as a fallback, cancellations and returns), as a
      // 3PL that does not hammer the API would
      let cycles = 0;
      const loop = async (): Promise<void> => {
        if (!running) return;
        const n = cycles++;
        if (longPollWait === 0) await tick();
        else
          await Promise.all([
            n % LONG_POLL_FALLBACK_CYCLES === 0 ? takeWork() : undefined,
            (chain = chain.then(() => cycle(n % LISTING_CYCLES === 0))),
          ]);
        if (running) timer = setTimeout(() => void loop(), opts.pollIntervalMs ?? 1000);
      };
      void loop();
      if (longPollWait > 0) watching = watch();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await watching;
      await Promise.all([chain, intakeChain]);
    },
    tick,
    snapshotNow: () => {
      const run = chain.then(() => snapshots.post());
      chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    stats: () => stats.snapshot(),
    state: () => ({
      name,
      running,
      book: book.entries(),
      jobs: shipper.jobs(),
      pendingAcks: [...pendingAcks.keys()],
      lastSnapshot: snapshots.last(),
    }),
  };
}
