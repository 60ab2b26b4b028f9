import type { Db } from '../../db/client.js';
import { createFeedIdempotencyRepo } from '../../db/feed-idempotency-repo.js';
import type { Logger } from '../../logger.js';

/**
 * A 3PL's Idempotency-Key answers are kept for the retention period (the feed guide promises at
 * least 7 days), then dropped: a retry that late is a new request, and the table stays small.
 */
export async function pruneFeedIdempotencyKeys(
  deps: { db: Db; log: Logger },
  input: { retentionDays: number; now?: Date; limit?: number },
): Promise<{ idempotencyKeysPruned: number }> {
  const before = new Date((input.now ?? new Date()).getTime() - input.retentionDays * 86_400_000);
  const pruned = await createFeedIdempotencyRepo(deps.db).deleteBefore(before, input.limit ?? 5000);
  if (pruned > 0) deps.log.info({ pruned, retentionDays: input.retentionDays }, 'feed idempotency keys pruned');
  return { idempotencyKeysPruned: pruned };
}
