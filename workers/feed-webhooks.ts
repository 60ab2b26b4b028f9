import type { AppContext } from '../core/context.js';
import { deliverDueWebhooks } from '../core/use-cases/feed/deliver-webhooks.js';

/**
 * Delivers the 3PL feed's webhooks. Deliveries are rows written by the allocations trigger, so
 * this is a loop over Postgres rather than a queue: woken by NOTIFY feed_webhooks at once, and
 * sweeping every `sweepMs` for retries that came due. Any number of processes may run it.
 */
export async function startFeedWebhookDelivery(
  ctx: Pick<AppContext, 'db' | 'cipher' | 'log' | 'database' | 'config'>,
  opts: { sweepMs?: number; batch?: number } = {},
) {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          // a full batch means more may be due: go round again at once
          while (
            !stopped &&
            (await deliverDueWebhooks(
              { db: ctx.db, cipher: ctx.cipher, log: ctx.log, net: ctx.config.push },
              { limit: opts.batch ?? 50 },
            )) === (opts.batch ?? 50)
          );
        } catch (err) {
          ctx.log.error({ err }, 'feed webhook delivery round failed; the next sweep retries');
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  };
  const unlisten = await ctx.database.listen('feed_webhooks', () => void run());
  const timer = setInterval(() => void run(), opts.sweepMs ?? 1_000);
  void run();
  return {
    /** one round now (tests) */
    run,
    async close(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      await running;
    },
  };
}
