import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { jobIds, STOCK_SYNC_WINDOW_MS, TRACKING_WINDOW_MS } from './job-ids.js';
import { createQueues } from './producer.js';
import { enqueueDispatch, enqueueRouting, enqueueStockJobs, enqueueTrackingPush } from './producers.js';

/** A logger that keeps its warnings, to see what a failed enqueue reports. */
function recordingLog() {
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  const log = { warn: (obj: Record<string, unknown>, msg: string) => warnings.push({ obj, msg }) } as unknown as Logger;
  return { log, warnings };
}

describe('named producers', () => {
  const prefix = `{p${Date.now().toString(36)}}`;
  const live = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  // nothing listens on port 1: every command fails, as when Redis is down
  const dead = new Redis('redis://127.0.0.1:1', {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  dead.on('error', () => undefined);
  afterAll(async () => {
    const keys = await live.keys(`${prefix}*`);
    if (keys.length) await live.del(...keys);
    live.disconnect();
    dead.disconnect();
  });

  it("gathers a shipment's tracking events of one window, counted from the shipment, into one delayed push; delivered runs it now", async () => {
    const { log } = recordingLog();
    const queues = createQueues({ connection: live, prefix, log });
    const w = TRACKING_WINDOW_MS;
    const created = 1_000_000_123;
    const scan = (shipmentId: number, after: number, delivered = false, late = false) =>
      enqueueTrackingPush(
        queues,
        { shopId: 1, shipmentId },
        { at: created + after, shipmentCreatedAt: created, delivered, late },
      );
    for (const after of [1000, w / 2, w - 1, w]) expect(await scan(7, after)).toBe(true);
    await scan(8, 10);
    const jobs = await queues.queue('fulfill').getJobs(['delayed']);
    expect(jobs.map((j) => j.id).sort()).toEqual(['tracking-7-0', 'tracking-7-1', 'tracking-8-0']);
    // each runs when its window closes: its first scan waits for the rest of the window
    expect(Object.fromEntries(jobs.map((j) => [j.id, j.opts.delay]))).toEqual({
      'tracking-7-0': w - 1000,
      'tracking-7-1': w,
      'tracking-8-0': w - 10,
    });
    // delivered ends its window: the job waiting for it runs now, and scans after delivery get short windows
    expect(await scan(8, 3000, true)).toBe(true);
    expect(
      await queues
        .queue('fulfill')
        .getJob('tracking-8-0')
        .then((j) => j!.isDelayed()),
    ).toBe(false);
    await scan(8, 4000, false, true);
    expect(await queues.queue('fulfill').getJob(jobIds.fulfill.lateTracking(8, created + 4000))).toBeDefined();
    await queues.close();
  });

  it("wakes a shop's stock jobs once per window, run when the window closes, with one add per process", async () => {
    const { log } = recordingLog();
    const queues = createQueues({ connection: live, prefix, log });
    const w = STOCK_SYNC_WINDOW_MS;
    const start = (Math.floor(Date.now() / w) + 5) * w; // a window that has not opened yet
    for (const at of [start, start + 1, start + w / 2, start + w - 1])
      expect(await enqueueStockJobs(queues, 9, at)).toBe(true);
    // the id counter counts every add that reached Redis, kept or not
    expect(await live.get(`${prefix}:inventory-sync:id`)).toBe('1');
    expect(await enqueueStockJobs(queues, 9, start + w)).toBe(true);
    expect(await live.get(`${prefix}:inventory-sync:id`)).toBe('2');
    const jobs = await queues.queue('inventory-sync').getJobs(['delayed']);
    // each runs when its window closes, a full window after its first change here
    expect(jobs.map((j) => [j.id, j.opts.delay]).sort()).toEqual([
      [jobIds['inventory-sync'].window(9, start), w],
      [jobIds['inventory-sync'].window(9, start + w), w],
    ]);
    await queues.close();
  });

  it('adds the job under the id its builder makes, once for the same durable key', async () => {
    const { log } = recordingLog();
    const queues = createQueues({ connection: live, prefix, log });
    expect(await enqueueDispatch(queues, { shopId: 1, allocationId: 42 })).toBe(true);
    expect(await enqueueDispatch(queues, { shopId: 1, allocationId: 42 })).toBe(true);
    const jobs = await queues.queue('dispatch').getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual([jobIds.dispatch.allocation(42)]);
    await queues.close();
  });

  it('logs a failed enqueue with its job id and answers false instead of throwing', async () => {
    const { log, warnings } = recordingLog();
    const queues = createQueues({ connection: dead, prefix, log });
    const ok = await enqueueRouting(
      queues,
      { shopId: 1, orderId: 7, reason: 'released' },
      jobIds.route.request(7, 'released', 1000),
    );
    expect(ok).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toMatchObject({ queue: 'route', jobId: 'route-7-released-1000' });
    expect(warnings[0]!.msg).toMatch(/sweeper/);
  });
});
