import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueEmails } from '../../queue/producers.js';

/**
 * After the transaction that wrote outbox rows: one `email` job per pending row. A failure here
 * loses nothing: the producer logs it, the row stays pending and the outbox sweeper queues it again.
 */
export async function queueEmailJobs(
  deps: { queues: Queues; log: Logger },
  rows: { id: number; shopId: number; status: string }[],
  opts: { jobIdSuffix?: string } = {},
): Promise<void> {
  const pending = rows.filter((r) => r.status === 'pending');
  if (pending.length === 0) return;
  await enqueueEmails(deps.queues, pending, { resend: opts.jobIdSuffix });
}
