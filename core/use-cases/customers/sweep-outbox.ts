import { createEmailOutboxRepo } from '../../db/email-outbox-repo.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { requeueStalledEmails } from '../../queue/producers.js';

/**
 * Redis holds queues only: a pending message whose job was lost, or a sender that died holding
 * its lease, is queued again from Postgres. A fresh job id per minute, because the message's
 * first job may still be kept as failed.
 */
export async function sweepOutbox(
  deps: { db: Db; queues: Queues; log: Logger },
  input: { olderThanMs: number; now?: Date; limit?: number },
) {
  const now = input.now ?? new Date();
  const stalled = await createEmailOutboxRepo(deps.db).stalled(
    new Date(now.getTime() - input.olderThanMs),
    now,
    input.limit ?? 1000,
  );
  await requeueStalledEmails(deps.queues, stalled, now.getTime());
  if (stalled.length) deps.log.info({ emails: stalled.length }, 'outbox sweeper re-queued e-mails');
  return { emails: stalled.length };
}
