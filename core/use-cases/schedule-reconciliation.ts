import type { Db } from '../db/client.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { jobIds, reconcileSchedulerPrefix } from '../queue/job-ids.js';
import type { Queues } from '../queue/producer.js';

/**
 * One repeatable reconciliation per active shop, plus the nightly catalogue reconciliation, full
 * recompute and full channel sync in the shop's own night; uninstalled shops lose their reconciliation.
 */
export async function scheduleReconciliation(deps: { db: Db; queues: Queues }, input: { everyMs: number }) {
  const q = deps.queues.queue('reconcile');
  const shops = await createShopsRepo(deps.db).listActive();
  const active = new Set(
    shops.flatMap((s) => [jobIds.reconcile.ordersScheduler(s.id), jobIds.reconcile.catalogScheduler(s.id)]),
  );
  const nightly = deps.queues.queue('alerts');
  const fullSync = deps.queues.queue('inventory-sync');
  for (const s of shops) {
    await q.upsertJobScheduler(
      jobIds.reconcile.ordersScheduler(s.id),
      { every: input.everyMs },
      { name: 'reconcile', data: { shopId: s.id, kind: 'orders' } },
    );
    await q.upsertJobScheduler(
      jobIds.reconcile.catalogScheduler(s.id),
      { pattern: '15 4 * * *', tz: s.timezone },
      { name: 'reconcile', data: { shopId: s.id, kind: 'catalog' } },
    );
    await nightly.upsertJobScheduler(
      jobIds.alerts.nightlyScheduler(s.id),
      { pattern: '0 3 * * *', tz: s.timezone },
      { name: 'alerts', data: { shopId: s.id, full: true } },
    );
    await fullSync.upsertJobScheduler(
      jobIds['inventory-sync'].nightlyScheduler(s.id),
      { pattern: '30 3 * * *', tz: s.timezone },
      { name: 'inventory-sync', data: { shopId: s.id, full: true } },
    );
  }
  for (const scheduler of await q.getJobSchedulers()) {
    if (scheduler.key.startsWith(reconcileSchedulerPrefix) && !active.has(scheduler.key))
      await q.removeJobScheduler(scheduler.key);
  }
  return { scheduled: shops.length };
}
