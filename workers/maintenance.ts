import type { AppContext } from '../core/context.js';
import { sweepInbox } from '../core/use-cases/sweep-inbox.js';
import { sweepWork } from '../core/use-cases/sweep-work.js';
import { createShopsRepo } from '../core/db/shops-repo.js';
import type { ProcessorDef } from './run-worker.js';
import { detectDelays } from '../core/use-cases/customers/detect-delays.js';
import { sendStockDigests } from '../core/use-cases/customers/send-stock-digest.js';
import { sweepOutbox } from '../core/use-cases/customers/sweep-outbox.js';

const customerEmailDeps = (ctx: AppContext) => ({ appUrl: ctx.config.http.appUrl, appCanSend: ctx.mailer.configured, queues: ctx.queues, log: ctx.log });

/** One repeatable reconciliation per active shop; uninstalled shops lose theirs. */
async function scheduleReconciliation(ctx: AppContext) {
  const q = ctx.queues.queue('reconcile');
  const every = ctx.config.shopify.reconcileEveryMinutes * 60_000;
  const shops = await createShopsRepo(ctx.db).listActive();
  const active = new Set(shops.map((s) => `reconcile-${s.id}`));
  const nightly = ctx.queues.queue('alerts');
  const fullSync = ctx.queues.queue('inventory-sync');
  for (const s of shops) {
    await q.upsertJobScheduler(`reconcile-${s.id}`, { every }, { name: 'reconcile', data: { shopId: s.id, kind: 'orders' } });
    // nightly, in the shop's own night: every SKU recomputed, every channel quantity re-pushed
    await nightly.upsertJobScheduler(`nightly-${s.id}`, { pattern: '0 3 * * *', tz: s.timezone }, { name: 'alerts', data: { shopId: s.id, full: true } });
    await fullSync.upsertJobScheduler(`fullsync-${s.id}`, { pattern: '30 3 * * *', tz: s.timezone }, { name: 'inventory-sync', data: { shopId: s.id, full: true } });
  }
  for (const scheduler of await q.getJobSchedulers()) {
    if (scheduler.key.startsWith('reconcile-') && !active.has(scheduler.key)) await q.removeJobScheduler(scheduler.key);
  }
  return { scheduled: shops.length };
}

/** Periodic housekeeping: re-enqueue durable work that Redis may have lost. */
export const maintenanceProcessor: ProcessorDef<'maintenance'> = {
  concurrency: 1,
  async process(ctx: AppContext, payload) {
    switch (payload.task) {
      case 'sweep': {
        const deps = { db: ctx.db, queues: ctx.queues, log: ctx.log };
        const inbox = await sweepInbox(deps, { olderThanMs: 10_000 });
        const work = await sweepWork(deps, { olderThanMs: 60_000 });
        const emails = await sweepOutbox(deps, { olderThanMs: 60_000 });
        return { ...inbox, ...work, ...emails };
      }
      case 'schedule-reconcile':
        return scheduleReconciliation(ctx);
      case 'detect-delays':
        return detectDelays({ db: ctx.db, customers: customerEmailDeps(ctx), noScanHours: ctx.config.customers.delayNoScanHours });
      case 'stock-digest':
        return sendStockDigests({ db: ctx.db, customers: customerEmailDeps(ctx) });
    }
  },
};
