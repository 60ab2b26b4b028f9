import type { AppContext } from '../core/context.js';
import type { Logger } from '../core/logger.js';

/** A marketplace simulator the demo started and connected to the demo shop as `accountId`. */
export interface DemoChannelRun {
  ctx: AppContext;
  shopId: number;
  accountId: number;
  log: Logger;
  /** names the channel in the warning a failed order logs */
  label: string;
  url: string;
  sim: { stop(): Promise<void> };
  /** places the demo's `n`-th order on the simulator */
  place(n: number): void;
  /** an order every this many ms */
  everyMs: number;
}

/**
 * Keeps a demo marketplace alive: an order now and one every `everyMs` (a failed one is logged
 * and the next tried), and the app asked at once to poll the account and push it all its stock,
 * so the merchant sees the channel working without waiting for the schedules.
 */
export async function runDemoChannel(run: DemoChannelRun): Promise<{ url: string; stop(): Promise<void> }> {
  let n = 0;
  const place = () => {
    try {
      run.place(n);
      n++;
    } catch (e) {
      run.log.warn({ err: (e as Error).message }, `demo ${run.label} order failed`);
    }
  };
  place();
  const timer = setInterval(place, run.everyMs);
  await run.ctx.queues.add(
    'channels',
    { shopId: run.shopId, accountId: run.accountId, task: 'poll' },
    { jobId: `chpoll-${run.accountId}-demo-${Date.now()}` },
  );
  await run.ctx.queues.add(
    'channels',
    { shopId: run.shopId, accountId: run.accountId, task: 'push-stock', full: true },
    { jobId: `chstock-${run.accountId}-demo-${Date.now()}` },
  );
  return {
    url: run.url,
    async stop() {
      clearInterval(timer);
      await run.sim.stop();
    },
  };
}
