import type { DbOrTx } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { ReturnRow } from '../../db/returns-repo.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueReturnSync } from '../../queue/producers.js';
import type { Logger } from '../../logger.js';

/**
 * Records a return's step on its own timeline and on its order's, so the order page tells the
 * whole story (`return_requested`, `return_approved`, `return_received`, ...).
 */
export async function recordReturnStep(
  db: DbOrTx,
  r: Pick<ReturnRow, 'id' | 'shopId' | 'orderId' | 'rma'>,
  action: string,
  actor: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  const audit = createAuditRepo(db);
  const payload = { returnId: r.id, rma: r.rma, ...data };
  await audit.record(r.shopId, 'return', String(r.id), action, actor, payload);
  if (r.orderId) await audit.record(r.shopId, 'order', String(r.orderId), action, actor, payload);
}

/**
 * Queues the Shopify sync of a return. A failed enqueue is logged and left to the sweeper, which
 * finds returns with work left in Postgres.
 */
export async function queueReturnSync(
  deps: { queues: Queues; log: Logger },
  shopId: number,
  returnId: number,
): Promise<void> {
  await enqueueReturnSync(deps.queues, shopId, returnId, Date.now());
}
