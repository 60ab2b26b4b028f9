import type { Logger } from '../logger.js';
import type { QueueName } from './names.js';
import type { JobPayload } from './payloads.js';
import type { Queues } from './producer.js';
import { withTimeout } from '../async/with-timeout.js';

/**
 * Coalesces adds made in the same tick into one addBulk. Fire-and-forget on purpose: the
 * caller's durable row is already committed, and the sweeper re-enqueues whatever a Redis
 * outage drops here.
 */
export function createBatchedProducer<N extends QueueName>(
  queues: Queues,
  name: N,
  jobIdOf: (p: JobPayload<N>) => string,
  log: Logger,
  maxBatch = 1000,
  timeoutMs = 3000,
) {
  const pending: { payload: JobPayload<N>; jobId: string }[] = [];
  let scheduled = false;
  let inFlight = 0;

  const flush = () => {
    scheduled = false;
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatch);
      inFlight++;
      // BullMQ waits for a connection forever; a bounded wait keeps memory bounded when Redis is gone
      withTimeout(queues.addBulk(name, batch), timeoutMs, 'enqueue')
        .catch((err: Error) =>
          log.warn(
            { queue: name, jobIds: batch.map((j) => j.jobId), err: err.message },
            'enqueue failed; the sweeper will retry from Postgres',
          ),
        )
        .finally(() => inFlight--);
    }
  };

  return {
    add(payload: JobPayload<N>): void {
      pending.push({ payload, jobId: jobIdOf(payload) });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    async drain(): Promise<void> {
      while (pending.length > 0 || inFlight > 0 || scheduled) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
