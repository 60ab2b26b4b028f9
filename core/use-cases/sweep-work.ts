import { createReturnsRepo } from '../db/returns-repo.js';
import type { Db } from '../db/client.js';
import { createStaleWorkQueries } from '../db/stale-work-queries.js';
import type { Logger } from '../logger.js';
import { jobIds, TRACKING_WINDOW_MS } from '../queue/job-ids.js';
import type { Queues } from '../queue/producer.js';
import {
  enqueueFulfill,
  enqueueImport,
  enqueueRoutingBulk,
  enqueueStockJobs,
  requeueDispatchBulk,
} from '../queue/producers.js';

/**
 * Redis holds queues only: whatever a lost job should have done is found again in Postgres.
 * Orders never routed, allocations never dispatched, shipments and carrier scans never pushed and
 * imports never started are queued again; job ids keep a job that is still alive from being doubled.
 */
export async function sweepWork(
  deps: { db: Db; queues: Queues; log: Logger },
  input: { olderThanMs: number; limit?: number; now?: Date },
) {
  const now = input.now ?? new Date();
  const before = new Date(now.getTime() - input.olderThanMs);
  const limit = input.limit ?? 2000;
  const stale = createStaleWorkQueries(deps.db);
  const unrouted = await stale.unroutedOrders(before, limit);
  const undispatched = await stale.undispatchedAllocations(before, limit);
  const unpushed = await stale.unpushedShipments(before, limit);
  const unstartedImports = await stale.queuedImports(before, limit);
  const at = Date.now();
  await enqueueRoutingBulk(
    deps.queues,
    unrouted.map((o) => ({ shopId: o.shopId, orderId: o.id, reason: 'sweeper' })),
    at,
  );
  await requeueDispatchBulk(
    deps.queues,
    undispatched.map((a) => ({ shopId: a.shopId, allocationId: a.id })),
  );
  for (const s of unpushed)
    await enqueueFulfill(deps.queues, { shopId: s.shopId, shipmentId: s.id }, jobIds.fulfill.sweep(s.id, at));
  // a fresh id per minute: the first job of the import may have failed for good and still be kept
  for (const i of unstartedImports)
    await enqueueImport(deps.queues, i.shopId, i.id, jobIds.reconcile.importSweep(i.shopId, i.id, at));
  // a scan is due within a window of its shipment: one older than the window and the sweeper's
  // margin has lost its job (Redis lost it, or it failed for good before the scan was given up)
  const scansBefore = new Date(before.getTime() - TRACKING_WINDOW_MS);
  for (const shopId of await stale.shopsWithPendingScans(scansBefore))
    await deps.queues.enqueue('fulfill', { shopId }, jobIds.fulfill.dueScansSweep(shopId, at));
  for (const shopId of await stale.shopsWithDirtyStock(new Date(now.getTime() - 10_000)))
    await enqueueStockJobs(deps.queues, shopId);
  const returnsToSync = await createReturnsRepo(deps.db).needingSync(limit);
  for (const r of returnsToSync)
    await deps.queues.enqueue('returns', { shopId: r.shopId, returnId: r.id }, jobIds.returns.sweep(r.id, at));
  const counts = {
    unrouted: unrouted.length,
    undispatched: undispatched.length,
    unpushed: unpushed.length,
    unstartedImports: unstartedImports.length,
  };
  if (counts.unrouted + counts.undispatched + counts.unpushed + counts.unstartedImports)
    deps.log.info(counts, 'sweeper re-queued work from Postgres');
  return counts;
}
