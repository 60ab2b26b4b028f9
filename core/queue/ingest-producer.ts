import type { Logger } from '../logger.js';
import { isMirrorTopic } from '../integrations/shopify/mirror-topics.js';
import { createBatchedProducer } from './batched-producer.js';
import { jobIds } from './job-ids.js';
import type { Queues } from './producer.js';

/** Mirror-only events wait this long for company: one job then applies them all. */
const MIRROR_WINDOW_MS = 200;
const MIRROR_MAX_BATCH = 500;

/**
 * Queues the ingest work of newly recorded inbox events. An event that can change an order gets
 * its own job at once; mirror-only events (ingest-batch.ts) are gathered for a short window into
 * one job. Fire-and-forget like the batched producer: the rows are committed, and the inbox
 * sweeper queues again whatever a Redis failure drops here.
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

  return {
    add(inboxId: number, topic: string): void {
      if (!isMirrorTopic(topic)) return single.add({ inboxId });
      mirror.push(inboxId);
      if (mirror.length >= MIRROR_MAX_BATCH) flushMirror();
      else timer ??= setTimeout(flushMirror, MIRROR_WINDOW_MS);
    },
    async drain(): Promise<void> {
      if (timer) clearTimeout(timer);
      flushMirror();
      await single.drain();
    },
  };
}

export type IngestProducer = ReturnType<typeof createIngestProducer>;
