import type { Database } from './client.js';

/** A wait for new work at one warehouse, registered before the query that may find none. */
export interface FeedWait {
  /** resolves true when woken, false when `ms` passed first or the signals closed */
  until(ms: number): Promise<boolean>;
  cancel(): void;
}

/**
 * Wakes the feed's long polls: the allocations trigger NOTIFYs `feed_allocations` with the
 * warehouse id when work appears, on whichever instance or worker made the change, and every
 * server instance LISTENs on one shared connection. Nothing is kept but the open waits.
 */
export function createFeedSignals(database: Pick<Database, 'listen'>, onError: (e: unknown) => void) {
  const waiters = new Map<number, Set<() => void>>();
  let listening: Promise<() => Promise<void>> | null = null;
  let closed = false;

  const wake = (warehouseId: number): void => {
    for (const w of [...(waiters.get(warehouseId) ?? [])]) w();
  };
  const ensureListening = (): Promise<unknown> => {
    listening ??= database.listen('feed_allocations', (payload) => wake(Number(payload)));
    return listening.catch((e: unknown) => {
      // a failed LISTEN leaves long polls as plain timed waits; the next wait tries again
      listening = null;
      onError(e);
    });
  };

  return {
    /** Start listening for this warehouse now; then query; then `until()` if the query found nothing. */
    async subscribe(warehouseId: number): Promise<FeedWait> {
      await ensureListening();
      let fired = false;
      let notify: (() => void) | null = null;
      const set = waiters.get(warehouseId) ?? new Set();
      waiters.set(warehouseId, set);
      const onWake = (): void => {
        fired = true;
        notify?.();
      };
      set.add(onWake);
      const cancel = (): void => {
        set.delete(onWake);
        if (set.size === 0) waiters.delete(warehouseId);
        notify?.();
      };
      return {
        cancel,
        until: (ms) =>
          new Promise<boolean>((resolve) => {
            // each wake is consumed once: the caller queries again, then may wait again
            const take = (): boolean => {
              const f = fired;
              fired = false;
              return f;
            };
            if (fired || closed) return resolve(take());
            const timer = setTimeout(() => {
              notify = null;
              resolve(false);
            }, ms);
            notify = () => {
              clearTimeout(timer);
              notify = null;
              resolve(take());
            };
          }),
      };
    },
    /** Ends every wait at once (server shutdown) and stops listening. */
    async close(): Promise<void> {
      closed = true;
      for (const set of waiters.values()) for (const w of [...set]) w();
      waiters.clear();
      if (listening) await (await listening)();
    },
  };
}
export type FeedSignals = ReturnType<typeof createFeedSignals>;
