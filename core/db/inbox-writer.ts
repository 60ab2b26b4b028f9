import type { Db } from './client.js';
import { createInboxRepo, type NewInboxEvent } from './inbox-repo.js';

interface Pending {
  event: NewInboxEvent;
  resolve(r: { id: number; inserted: boolean }): void;
  reject(e: unknown): void;
}

export interface InboxWriterOptions {
  /** rows per INSERT */
  maxBatch?: number;
  /** INSERTs in flight at once */
  maxInFlight?: number;
}

/**
 * Group commit for webhook intake: requests that arrive while an INSERT is in flight are
 * written together in the next multi-row INSERT, so throughput grows with load and an idle
 * system still writes each event at once. Every caller learns its row id only after commit.
 */
export function createInboxWriter(db: Db, opts: InboxWriterOptions = {}) {
  const maxBatch = opts.maxBatch ?? 500;
  const maxInFlight = opts.maxInFlight ?? 4;
  const repo = createInboxRepo(db);
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = dedupeBatch(queue.splice(0, maxBatch));
      inFlight++;
      void repo
        .insertMany(batch.map((b) => b.event))
        .then(
          (results) => {
            const byKey = new Map(batch.map((b, i) => [key(b.event), results[i]!]));
            for (const p of batch) for (const w of p.waiters) w.resolve(byKey.get(key(p.event))!);
          },
          (err) => {
            for (const p of batch) for (const w of p.waiters) w.reject(err);
          },
        )
        .finally(() => {
          inFlight--;
          if (queue.length > 0) schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return {
    write(event: NewInboxEvent): Promise<{ id: number; inserted: boolean }> {
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject });
        schedule();
      });
    },
    /** events waiting for their INSERT */
    get backlog() {
      return queue.length;
    },
    async drain(): Promise<void> {
      while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    },
    reset() {
      queue = [];
    },
  };
}

const key = (e: NewInboxEvent) => `${e.source}\u0000${e.eventId}`;

/** The same event twice in one INSERT would be ambiguous for RETURNING; keep one row, many waiters. */
function dedupeBatch(items: Pending[]): { event: NewInboxEvent; waiters: Pending[] }[] {
  const byKey = new Map<string, { event: NewInboxEvent; waiters: Pending[] }>();
  for (const p of items) {
    const k = key(p.event);
    const entry = byKey.get(k);
    if (entry) entry.waiters.push(p);
    else byKey.set(k, { event: p.event, waiters: [p] });
  }
  return [...byKey.values()];
}

export type InboxWriter = ReturnType<typeof createInboxWriter>;
