import { customerEmailDeps, type AppContext } from '../core/context.js';
import { pruneInbox } from '../core/use-cases/prune-inbox.js';
import { pruneFeedIdempotencyKeys } from '../core/use-cases/feed/prune-idempotency-keys.js';
import { sweepInbox } from '../core/use-cases/sweep-inbox.js';
import { sweepWork } from '../core/use-cases/sweep-work.js';
import { expireBackorders } from '../core/use-cases/routing/expire-backorders.js';
import { scheduleReconciliation } from '../core/use-cases/schedule-reconciliation.js';
import { scheduleChannelPolls } from './channels.js';
import type { ProcessorDef } from './run-worker.js';
import { detectDelays } from '../core/use-cases/customers/detect-delays.js';
import { sendStockDigests } from '../core/use-cases/customers/send-stock-digest.js';
import { sweepOutbox } from '../core/use-cases/customers/sweep-outbox.js';

/** Periodic housekeeping: re-enqueue durable work that Redis may have lost, cancel backorders past their deadline. */
export const maintenanceProcessor: ProcessorDef<'maintenance'> = {
  concurrency: 1,
  async process(ctx: AppContext, payload) {
    switch (payload.task) {
      case 'sweep': {
        const deps = { db: ctx.db, queues: ctx.queues, log: ctx.log };
        const grace = ctx.config.maintenance.sweepGraceMs;
        // an inbox row is swept sooner than other work: its job is enqueued right after its insert
        const inbox = await sweepInbox(deps, { olderThanMs: Math.min(10_000, grace) });
        const work = await sweepWork(deps, { olderThanMs: grace });
        const pruned = await pruneInbox(deps, {
          processedRetentionDays: ctx.config.retention.inboxProcessedDays,
          unknownShopRetentionDays: ctx.config.retention.unknownShopDays,
          limit: 1000,
        });
        const emails = await sweepOutbox(deps, { olderThanMs: grace });
        const keys = await pruneFeedIdempotencyKeys(deps, {
          retentionDays: ctx.config.retention.feedIdempotencyDays,
          limit: 1000,
        });
        const backorders = await expireBackorders(deps);
        return { ...inbox, ...work, ...pruned, ...emails, ...keys, ...backorders };
      }
      case 'schedule-reconcile': {
        const reconcile = await scheduleReconciliation(
          { db: ctx.db, queues: ctx.queues },
          { everyMs: ctx.config.shopify.reconcileEveryMinutes * 60_000 },
        );
        const channels = await scheduleChannelPolls(ctx);
        return { ...reconcile, channelAccounts: channels.accounts };
      }
      case 'detect-delays':
        return detectDelays({
          db: ctx.db,
          customers: customerEmailDeps(ctx),
          noScanHours: ctx.config.customers.delayNoScanHours,
        });
      case 'stock-digest':
        return sendStockDigests({ db: ctx.db, customers: customerEmailDeps(ctx) });
    }
  },
};
