import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { createIngestProducer, ORDER_WINDOW_MS } from './ingest-producer.js';
import { createQueues } from './producer.js';

const log = { warn: () => undefined } as unknown as Logger;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ingest producer', () => {
  const prefix = `{ip${Date.now().toString(36)}}`;
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('queues an order event alone at once, and gathers those that follow it closely into one job', async () => {
    const queues = createQueues({ connection: redis, prefix, log });
    const producer = createIngestProducer(queues, log);
    const payloads = async () =>
      (await queues.queue('ingest').getJobs(['waiting']))
        .map((j) => j.data)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

    producer.add(1, 'orders/create');
    await sleep(20);
    expect(await payloads()).toEqual([{ inboxId: 1 }]);

    producer.add(2, 'orders/paid');
    producer.add(3, 'orders/updated');
    producer.add(4, 'orders/create');
    await sleep(20);
    // still inside the window the first event opened
    expect(await payloads()).toEqual([{ inboxId: 1 }]);
    await sleep(ORDER_WINDOW_MS + 50);
    expect(await payloads()).toEqual([{ inboxId: 1 }, { inboxIds: [2, 3, 4] }]);

    // a quiet window later, the next event goes alone again, without waiting
    await sleep(2 * ORDER_WINDOW_MS + 50);
    producer.add(5, 'orders/cancelled');
    await sleep(20);
    expect(await payloads()).toContainEqual({ inboxId: 5 });
    await producer.drain();
    await queues.close();
  });
});
