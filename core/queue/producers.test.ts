import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { jobIds, STOCK_SYNC_WINDOW_MS, TRACKING_TICK_MS, TRACKING_WINDOW_MS } from './job-ids.js';
import { createQueues } from './producer.js';
import { enqueueDispatch, enqueueDueScans, enqueueRouting, enqueueStockJobs, scanDueAt } from './producers.js';

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

  it("pushes a shop's scans in one job per tick, once due: at its shipment's window close, or at once when delivered", async () => {
    const { log } = recordingLog();
    const queues = createQueues({ connection: live, prefix, log });
    const w = TRACKING_WINDOW_MS;
    const tick = TRACKING_TICK_MS;
    // two parcels shipped in the same second of a shop, a third a window later
    const created = (Math.floor(Date.now() / tick) + 10) * tick + 123;
    const scan = (shopId: number, shipmentCreatedAt: number, after: number, delivered = false) =>
      enqueueDueScans(
        queues,
        shopId,
        scanDueAt({ at: created + after, shipmentCreatedAt, delivered }),
        created + after,
      );
    expect(scanDueAt({ at: created + 1000, shipmentCreatedAt: created, delivered: false })).toBe(created + w);
    expect(scanDueAt({ at: created + w, shipmentCreatedAt: created, delivered: false })).toBe(created + 2 * w);
    expect(scanDueAt({ at: created + 1000, shipmentCreatedAt: created, delivered: true })).toBe(created + 1000);
    for (const after of [1000, w / 2, w - 1]) expect(await scan(1, created, after)).toBe(true);
    expect(await scan(1, created + 300, 400)).toBe(true);
    // one job for the four scans: their window closes in the same tick
    expect(await live.get(`${prefix}:fulfill:id`)).toBe('1');
    const dueTick = Math.floor((created + w) / tick);
    const job = await queues.queue('fulfill').getJob(jobIds.fulfill.dueScans(1, dueTick));
    expect(job?.data).toEqual({ shopId: 1 });
    // it runs once that tick is over: every scan due in it is committed by then
    expect(job?.opts.delay).toBe((dueTick + 1) * tick - (created + 1000));
    // the next window of the shipment, and another shop, are jobs of their own
    expect(await scan(1, created, w + 5)).toBe(true);
    expect(await scan(2, created, 1000)).toBe(true);
    // delivered is due now: the job of the current tick, run when it ends
    expect(await scan(1, created, 2500, true)).toBe(true);
    const delayed = await queues.queue('fulfill').getJobs(['delayed']);
    expect(delayed.map((j) => j.id).sort()).toEqual(
      [
        jobIds.fulfill.dueScans(1, dueTick),
        jobIds.fulfill.dueScans(1, Math.floor((created + 2 * w) / tick)),
        jobIds.fulfill.dueScans(2, dueTick),
        jobIds.fulfill.dueScans(1, Math.floor((created + 2500) / tick)),
      ].sort(),
    );
    const now = await queues.queue('fulfill').getJob(jobIds.fulfill.dueScans(1, Math.floor((created + 2500) / tick)));
    expect(now?.opts.delay).toBe((Math.floor((created + 2500) / tick) + 1) * tick - (created + 2500));
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
