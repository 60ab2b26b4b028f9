import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { burstWith, criterion, sleep, type Fault } from '../harness/fault.js';
import type { Stack } from '../harness/stack.js';
import { ackedButMissing } from './process-kills.js';

/** Answers the webhook intake gave from `sinceIndex` on, by status ('timeout' when none came). */
function intakeAnswers(stack: Stack, sinceIndex: number): Map<string, number> {
  const seen = new Map<string, number>();
  for (const d of stack.sim.webhookLog({ shop: SHOP }).slice(sinceIndex))
    for (const a of d.attempts) {
      const k = a.status === null ? 'timeout' : String(a.status);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
  return seen;
}

const onlyAckOr503 = (answers: Map<string, number>) =>
  [...answers.keys()].every((k) => k === '503' || (k >= '200' && k < '300'));
const show = (answers: Map<string, number>) => [...answers.entries()].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';

export const redisFlushed: Fault = {
  id: 'F3',
  title: 'Redis restarted empty (FLUSHALL) mid-run',
  short: true,
  async run(stack, scale) {
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 4, seed: 303, atMs: 2000 }, () =>
      stack.redis.flushAll(),
    );
    await sleep(3000);
    const schedulers = (await stack.ctx.queues.queue('maintenance').getJobSchedulers()).length;
    return {
      gids,
      criteria: [criterion('the maintenance schedulers came back', schedulers >= 4, `${schedulers} schedulers`)],
    };
  },
};

export const redisFull: Fault = {
  id: 'F4',
  title: 'Redis full (noeviction)',
  short: false,
  async run(stack, scale) {
    const from = stack.sim.webhookLog({ shop: SHOP }).length;
    let refusedWrite = false;
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 6, seed: 404, atMs: 500 }, async () => {
      // a cap of one byte: whatever the jobs free meanwhile, every write is refused
      await stack.redis.setMaxMemory(1);
      refusedWrite = await stack.redis.client
        .set('fault:probe', 'x')
        .then(() => false)
        .catch((e: Error) => e.message.includes('OOM'));
      await sleep(4000);
      await stack.redis.setMaxMemory(0);
    });
    await stack.sim.waitForIdleWebhooks(60_000);
    const answers = intakeAnswers(stack, from);
    const { acked, missing } = await ackedButMissing(stack, from);
    return {
      gids,
      criteria: [
        criterion('Redis refused writes while full', refusedWrite, refusedWrite ? 'OOM seen' : 'writes still accepted'),
        criterion('intake acked (durable) or answered 503', onlyAckOr503(answers), show(answers)),
        criterion('every 2xx is in the inbox', missing === 0, `${missing} of ${acked} acknowledged events missing`),
      ],
    };
  },
};

export const postgresRestarted: Fault = {
  id: 'F5',
  title: 'Postgres restart',
  short: true,
  async run(stack, scale) {
    const from = stack.sim.webhookLog({ shop: SHOP }).length;
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 6, seed: 505, atMs: 1500 }, () =>
      stack.pg.restart(2000),
    );
    await stack.sim.waitForIdleWebhooks(90_000);
    const answers = intakeAnswers(stack, from);
    const { acked, missing } = await ackedButMissing(stack, from);
    return {
      gids,
      criteria: [
        criterion('intake answered 503 while Postgres was down', answers.has('503'), show(answers)),
        criterion('no answer but 2xx or 503', onlyAckOr503(answers), show(answers)),
        criterion('every 2xx is in the inbox', missing === 0, `${missing} of ${acked} acknowledged events missing`),
        criterion(
          'workers reconnected',
          stack.workers.every((w) => w.running),
          'worker processes alive',
        ),
      ],
    };
  },
};
