import { and, eq, isNull, lt } from 'drizzle-orm';
import { allocations, orders, shipments, stockDirty } from '../../drizzle/schema/index.js';
import { kickStockJobs } from '../queue/stock-jobs.js';
import { createReturnsRepo } from '../db/returns-repo.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';

/**
 * Redis holds queues only: whatever a lost job should have done is found again in Postgres.
 * Orders never routed, allocations never dispatched and shipments never pushed are queued
 * again; job ids keep a job that is still alive from being doubled.
 */
export async function sweepWork(deps: { db: Db; queues: Queues; log: Logger }, input: { olderThanMs: number; limit?: number; now?: Date }) {
  const before = new Date((input.now ?? new Date()).getTime() - input.olderThanMs);
  const limit = input.limit ?? 2000;
  const unrouted = await deps.db.select({ id: orders.id, shopId: orders.shopId }).from(orders)
    .where(and(eq(orders.status, 'pending'), lt(orders.updatedAt, before))).limit(limit);
  const undispatched = await deps.db.select({ id: allocations.id, shopId: allocations.shopId }).from(allocations)
    .where(and(eq(allocations.status, 'reserved'), isNull(allocations.dispatchError), lt(allocations.updatedAt, before))).limit(limit);
  const unpushed = await deps.db.select({ id: shipments.id, shopId: shipments.shopId }).from(shipments)
    .where(and(eq(shipments.pushStatus, 'pending'), lt(shipments.updatedAt, before))).limit(limit);
  const minute = Math.floor(Date.now() / 60_000);
  if (unrouted.length) await deps.queues.addBulk('route', unrouted.map((o) => ({ shopId: o.shopId, orderId: o.id, reason: 'sweeper' })));
  if (undispatched.length) await deps.queues.addBulk('dispatch', undispatched.map((a) => ({ shopId: a.shopId, allocationId: a.id })));
  // a fresh id per minute: the first push job of a shipment may have failed for good and still be kept
  for (const s of unpushed) await deps.queues.add('fulfill', { shopId: s.shopId, shipmentId: s.id }, { jobId: `shipment-${s.id}-sweep-${minute}` });
  const dirty = await deps.db.selectDistinct({ shopId: stockDirty.shopId }).from(stockDirty).where(lt(stockDirty.markedAt, new Date((input.now ?? new Date()).getTime() - 10_000)));
  for (const d of dirty) await kickStockJobs(deps.queues, d.shopId);
  const returnsToSync = await createReturnsRepo(deps.db).needingSync(limit);
  for (const r of returnsToSync) await deps.queues.add('returns', { shopId: r.shopId, returnId: r.id }, { jobId: `return-${r.id}-sweep-${minute}` });
  const total = unrouted.length + undispatched.length + unpushed.length;
  if (total) deps.log.info({ unrouted: unrouted.length, undispatched: undispatched.length, unpushed: unpushed.length }, 'sweeper re-queued work from Postgres');
  return { unrouted: unrouted.length, undispatched: undispatched.length, unpushed: unpushed.length };
}
