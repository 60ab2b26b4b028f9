import type { AppContext } from '../core/context.js';
import { deliverDueWebhooks, nextWebhookDueAt } from '../core/use-cases/feed/deliver-webhooks.js';

/**
 * Delivers the 3PL feed's webhooks. Deliveries are rows written by the allocations trigger, so
 * this is a loop over Postgres rather than a queue: woken by NOTIFY feed_webhooks at once, and
 * after each round armed for the earliest pending delivery (a retry coming due), or `sweepMs` at
 * most, which bounds the delay of a notification lost while the LISTEN connection reconnected.
 * An idle app so sweeps every `sweepMs`, not every second. Any number of processes may run it.
 */
export async function startFeedWebhookDelivery(
  ctx: Pick<AppContext, 'db' | 'cipher' | 'log' | 'database' | 'config'>,
  opts: { sweepMs?: number; batch?: number } = {},
) {
  const sweepMs = opts.sweepMs ?? 15_000;
  const batch = opts.batch ?? 50;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  const arm = (ms: number) => {
    if (timer) clearTimeout(timer);
    // a delivery due but locked by another process's claim reads as due until that commits: wait
    // a moment rather than spin on it
    timer = stopped ? null : setTimeout(() => void run(), Math.max(50, Math.min(ms, sweepMs)));
  };
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let nextInMs: number;
      do {
        again = false;
        try {
          // a full batch means more may be due: go round again at once
          while (
            !stopped &&
            (await deliverDueWebhooks(
              { db: ctx.db, cipher: ctx.cipher, log: ctx.log, net: ctx.config.push },
              { limit: batch },
            )) === batch
          );
          const due = await nextWebhookDueAt(ctx);
          nextInMs = due ? due.getTime() - Date.now() : sweepMs;
        } catch (err) {
          ctx.log.error({ err }, 'feed webhook delivery round failed; the next sweep retries');
          nextInMs = sweepMs;
        }
      } while (again && !stopped);
      arm(nextInMs);
      running = null;
    })();
    return running;
  };
  const unlisten = await ctx.database.listen('feed_webhooks', () => void run());
  void run();
  return {
    /** one round now (tests) */
    run,
    async close(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten();
      await running;
    },
  };
}
