import type { Db } from '../db/client.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { requeueInboxEvents } from '../queue/producers.js';

export interface SweepInboxDeps {
  db: Db;
  queues: Queues;
  log: Logger;
}

/**
 * Postgres is the source of truth and Redis only holds queues: re-enqueue every inbox row
 * still pending after `olderThanMs`. The job id is the inbox id, so a live job is not doubled,
 * and one kept as failed (retries ran out during an outage) is retried.
 */
export async function sweepInbox(
  deps: SweepInboxDeps,
  input: { olderThanMs: number; limit?: number; now?: Date },
): Promise<{ enqueued: number }> {
  const now = input.now ?? new Date();
  const ids = await createInboxRepo(deps.db).listStalePending(
    new Date(now.getTime() - input.olderThanMs),
    input.limit ?? 5000,
  );
  if (ids.length === 0) return { enqueued: 0 };
  await requeueInboxEvents(deps.queues, ids);
  deps.log.info({ count: ids.length }, 'sweeper re-enqueued pending inbox events');
  return { enqueued: ids.length };
}
