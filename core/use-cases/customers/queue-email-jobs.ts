import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';

/** The outbox row counts attempts and parks; the job only needs to outlast it. */
export const emailJobOptions = { attempts: 100 };

/**
 * After the transaction that wrote outbox rows: one `email` job per pending row. A failure here
 * loses nothing: the row stays pending and the outbox sweeper queues it again.
 */
export async function queueEmailJobs(deps: { queues: Queues; log: Logger }, rows: { id: number; shopId: number; status: string }[], opts: { jobIdSuffix?: string } = {}): Promise<void> {
  const pending = rows.filter((r) => r.status === 'pending');
  if (pending.length === 0) return;
  try {
    if (opts.jobIdSuffix) {
      // a message sent again needs a job id of its own: its first job is still kept as done
      for (const r of pending) await deps.queues.add('email', { shopId: r.shopId, outboxId: r.id }, { ...emailJobOptions, jobId: `email-${r.id}-${opts.jobIdSuffix}` });
    } else {
      await deps.queues.addBulk('email', pending.map((r) => ({ payload: { shopId: r.shopId, outboxId: r.id }, jobId: `email-${r.id}` })), emailJobOptions);
    }
  } catch (err) {
    deps.log.warn({ outboxIds: pending.map((r) => r.id), err: (err as Error).message }, 'email job not queued; the outbox sweeper will queue it');
  }
}
