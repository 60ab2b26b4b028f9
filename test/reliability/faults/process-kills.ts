import { sql } from 'drizzle-orm';
import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { burstWith, criterion, sleep, type Fault } from '../harness/fault.js';
import type { Stack } from '../harness/stack.js';

/** Deliveries Shopify saw answered 2xx whose event the inbox does not hold: a 2xx without a durable write. */
export async function ackedButMissing(stack: Stack, sinceIndex: number): Promise<{ acked: number; missing: number }> {
  const acked = stack.sim
    .webhookLog({ shop: SHOP })
    .slice(sinceIndex)
    .filter((d) => d.attempts.some((a) => a.status !== null && a.status >= 200 && a.status < 300));
  const ids = [...new Set(acked.map((d) => d.eventId))];
  if (ids.length === 0) return { acked: 0, missing: 0 };
  const held = await stack.database.query<{ event_id: string }>(
    sql`select event_id from inbox_events where event_id = any(${`{${ids.join(',')}}`}::text[])`,
  );
  return { acked: ids.length, missing: ids.length - new Set(held.map((h) => h.event_id)).size };
}

export const workerKilled: Fault = {
  id: 'F1',
  title: 'kill -9 a worker mid-job',
  short: false,
  async run(stack, scale) {
    let restarted = 0;
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 4, seed: 101, atMs: 1500 }, async () => {
      // every worker process serves every queue: whichever job it held (a 3PL call, a
      // transaction) is cut; one comes back at once, the other after the burst
      await stack.workers[0]!.kill9();
      await stack.workers[0]!.start();
      restarted++;
      if (stack.workers[1]) {
        await sleep(500);
        await stack.workers[1].kill9();
        await sleep(1500);
        await stack.workers[1].start();
        restarted++;
      }
    });
    return {
      gids,
      criteria: [
        criterion(
          'killed workers came back',
          stack.workers.every((w) => w.running),
          `${restarted} restarted`,
        ),
      ],
    };
  },
};

export const serverKilled: Fault = {
  id: 'F2',
  title: 'kill -9 the server mid-burst',
  short: true,
  async run(stack, scale) {
    const from = stack.sim.webhookLog({ shop: SHOP }).length;
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 4, seed: 202, atMs: 1500 }, async () => {
      await stack.server.kill9();
      await sleep(1000);
      await stack.server.start();
    });
    await stack.sim.waitForIdleWebhooks(60_000);
    const { acked, missing } = await ackedButMissing(stack, from);
    return {
      gids,
      criteria: [
        criterion('every 2xx is in the inbox', missing === 0, `${missing} of ${acked} acknowledged events missing`),
      ],
    };
  },
};
