import { createEmailOutboxRepo } from '../../db/email-outbox-repo.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { emailJobOptions } from './queue-email-jobs.js';

/**
 * Redis holds queues only: a pending message whose job was lost, or a sender that died holding
 * its lease, is queued again from Postgres. A fresh job id per minute, because the message's
 * first job may still be kept as failed.
 */
export async function sweepOutbox(deps: { db: Db; queues: Queues; log: Logger }, input: { olderThanMs: number; now?: Date; limit?: number }) {
  const now = input.now ?? new Date();
  const stalled = await createEmailOutboxRepo(deps.db).stalled(new Date(now.getTime() - input.olderThanMs), now, input.limit ?? 1000);
  const minute = Math.floor(now.getTime() / 60_000);
  for (const r of stalled) await deps.queues.add('email', { shopId: r.shopId, outboxId: r.id }, { ...emailJobOptions, jobId: `email-${r.id}-sweep-${minute}` });
  if (stalled.length) deps.log.info({ emails: stalled.length }, 'outbox sweeper re-queued e-mails');
  return { emails: stalled.length };
}
