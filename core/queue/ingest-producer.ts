import type { Logger } from '../logger.js';
import { isMirrorTopic } from '../integrations/shopify/mirror-topics.js';
import { createBatchedProducer } from './batched-producer.js';
import { jobIds } from './job-ids.js';
import type { Queues } from './producer.js';

/**
 * Mirror-only events wait this long for company: one job then applies them all. Nothing waits on
 * the mirror (routing reads the order, not the mirror), so the window is wider than the orders'.
 */
const MIRROR_WINDOW_MS = 500;
const MIRROR_MAX_BATCH = 500;
/**
 * After an event that can change an order, the next ones wait at most this long, together. Each
 * batch costs a job, a read and a transaction whatever its size, and an order's create, paid and
 * update caught in one batch are written and routed once: 250 ms instead of 100 took a seventh
 * of the statements and a quarter of the jobs per order in a flash sale, for about 0.1 s more
 * from webhook to 3PL, against a 1 s target (docs/scaling.md, issue #16).
 */
export const ORDER_WINDOW_MS = 250;
const ORDER_MAX_BATCH = 50;

/**
 * Queues the ingest work of newly recorded inbox events. An event that can change an order gets
 * a job at once when none came in the last ORDER_WINDOW_MS; those that follow within the window
 * go together in one job when it closes (in a flash sale, a few per job instead of one each;
 * alone, no wait). Mirror-only events (ingest-batch.ts) are gathered for a longer window.
 * Fire-and-forget like the batched producer: the rows are committed, and the inbox sweeper
 * queues again whatever a Redis failure drops here.
 */
export function createIngestProducer(queues: Queues, log: Logger) {
  const single = createBatchedProducer(
    queues,
    'ingest',
    (p) => ('inboxId' in p ? jobIds.ingest.event(p.inboxId) : jobIds.ingest.batch(p.inboxIds[0]!)),
    log,
  );
  const mirror: number[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flushMirror = () => {
    timer = undefined;
    while (mirror.length > 0) {
      const inboxIds = mirror.splice(0, MIRROR_MAX_BATCH);
      single.add({ inboxIds });
    }
  };

  const orders: number[] = [];
  let orderTimer: NodeJS.Timeout | undefined;
  const flushOrders = () => {
    orderTimer = undefined;
    if (orders.length === 0) return;
    while (orders.length > 0) {
      const inboxIds = orders.splice(0, ORDER_MAX_BATCH);
      single.add(inboxIds.length === 1 ? { inboxId: inboxIds[0]! } : { inboxIds });
    }
    orderTimer = setTimeout(flushOrders, ORDER_WINDOW_MS);
  };

  return {
    add(inboxId: number, topic: string): void {
      if (!isMirrorTopic(topic)) {
        if (orderTimer) {
          orders.push(inboxId);
          if (orders.length >= ORDER_MAX_BATCH) {
            clearTimeout(orderTimer);
            flushOrders();
          }
          return;
        }
        single.add({ inboxId });
        orderTimer = setTimeout(flushOrders, ORDER_WINDOW_MS);
        return;
      }
      mirror.push(inboxId);
      if (mirror.length >= MIRROR_MAX_BATCH) flushMirror();
      else timer ??= setTimeout(flushMirror, MIRROR_WINDOW_MS);
    },
    async drain(): Promise<void> {
      if (timer) clearTimeout(timer);
      flushMirror();
      if (orderTimer) clearTimeout(orderTimer);
      flushOrders();
      if (orderTimer) clearTimeout(orderTimer);
      orderTimer = undefined;
      await single.drain();
    },
  };
}

export type IngestProducer = ReturnType<typeof createIngestProducer>;
