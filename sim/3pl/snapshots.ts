import type { Clock } from '../shopify/core/clock.js';
import type { Prng } from '../shopify/core/prng.js';
import type { FeedClient } from './feed-client.js';
import { snapshotResultSchema, type SnapshotRequest, type SnapshotResult } from './feed-schemas.js';
import type { RobotLog, SnapshotDrift } from './options.js';
import type { StatsRecorder } from './stats.js';
import type { StockBook } from './stock-book.js';

/** A snapshot the app received and what it did with it. */
export interface SnapshotRecord {
  request: SnapshotRequest;
  result: SnapshotResult;
}

/** Dependencies of {@link createSnapshots}. */
export interface SnapshotDeps {
  client: FeedClient;
  book: StockBook;
  stats: StatsRecorder;
  clock: Clock;
  name: string;
  drift: SnapshotDrift | null;
  random: Prng;
  log: RobotLog;
  /** true while a parcel report's fate is unknown: the count would be off by it */
  uncertain: () => boolean;
}

/**
 * Stock counts sent to the app. A count keeps its snapshot id until the app has it, so a retry
 * is recognised as the same count.
 */
export function createSnapshots(d: SnapshotDeps) {
  let seq = 0;
  let pending: SnapshotRequest | null = null;
  let last: SnapshotRecord | null = null;

  return {
    /** Posts a count; null when there is nothing to count or a parcel report is unresolved. */
    async post(): Promise<SnapshotRecord | null> {
      if (d.book.tracking || (!pending && d.uncertain())) return null;
      if (!pending) {
        const now = d.clock.now();
        const items = d.book.count(d.random, d.drift).map((l) => ({ sku: l.sku, onHand: l.quantity }));
        if (items.length === 0) return null;
        pending = { snapshotId: `${d.name}-count-${now}-${++seq}`, takenAt: new Date(now).toISOString(), items };
      }
      const out = await d.client.send(
        { method: 'POST', path: '/inventory-snapshots', body: pending },
        snapshotResultSchema,
      );
      const request = pending;
      pending = null;
      if (!out.ok) throw new Error(`snapshot ${request.snapshotId} refused: ${out.status} ${out.code} ${out.message}`);
      last = { request, result: out.value };
      d.stats.counters.snapshots++;
      d.stats.counters.snapshotCorrections += out.value.corrections.length;
      d.log(
        `${d.name}: snapshot ${request.snapshotId} of ${request.items.length} SKUs, ${out.value.corrections.length} correction(s)`,
      );
      return last;
    },
    last: (): SnapshotRecord | null => (last ? structuredClone(last) : null),
  };
}
