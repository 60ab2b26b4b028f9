import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { waitFor } from '../helpers/wait.js';

/** Defect 4 of #15: a Redis flush must not stop sweeping until someone restarts the workers. */
describe('schedulers after Redis loses them', () => {
  let t: TestContext;
  let workers: StartedWorkers | null = null;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await workers?.close();
    await t.close();
  });

  const schedulerKeys = async () =>
    (await t.ctx.queues.queue('maintenance').getJobSchedulers()).map((s) => s.key).sort();

  it('every worker process, whatever queues it serves, puts the sweep, reconciliation, delay-check and stock-digest schedulers back after a flush', async () => {
    workers = await startWorkers(t.ctx, ['route'], { reassertSchedulersEveryMs: 200 });
    await waitFor('the maintenance schedulers', async () => (await schedulerKeys()).length === 4, 5000);
    const prefix = t.ctx.config.redis.prefix;
    const keys = await t.ctx.redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await t.ctx.redis.del(...keys);
    expect(await schedulerKeys()).toEqual([]);
    await waitFor('the maintenance schedulers', async () => (await schedulerKeys()).length === 4, 5000);
    expect(await schedulerKeys()).toEqual(['detect-delays', 'schedule-reconcile', 'stock-digest', 'sweep']);
  });
});
