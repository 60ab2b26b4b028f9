import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../core/errors.js';
import { createTestContext, type TestContext } from '../test/helpers/test-context.js';
import { runWorker } from './run-worker.js';

describe('runWorker', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  it('waits as long as a rate limit says, without spending an attempt, then runs the job', async () => {
    const runs: number[] = [];
    const worker = runWorker(t.ctx, 'reconcile', {
      concurrency: 1,
      async process() {
        runs.push(Date.now());
        if (runs.length < 3) throw new RateLimitedError('called again too soon', 'test', 300);
        return 'done';
      },
    });
    const job = await t.ctx.queues.add(
      'reconcile',
      { shopId: 1, kind: 'orders' },
      { jobId: 'rate-wait-1', attempts: 2 },
    );
    const done = await new Promise<string>((resolve, reject) => {
      worker.on('completed', (j, value) => j.id === job.id && resolve(value as string));
      worker.on('failed', (j, err) => j?.id === job.id && reject(err));
    });
    expect(done).toBe('done');
    // two waits of about 300 ms each, while the job allows only two attempts
    expect(runs).toHaveLength(3);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(250);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(250);
    const finished = await t.ctx.queues.queue('reconcile').getJob(job.id!);
    // only the run that succeeded counts as an attempt
    expect(finished?.attemptsMade).toBe(1);
    await worker.close();
  });
});
