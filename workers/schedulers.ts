import type { AppContext } from '../core/context.js';
import { jobIds } from '../core/queue/job-ids.js';

/**
 * Creates (or leaves as they are) the sweep and reconciliation schedulers. Upserting is
 * idempotent, so every worker process may run it: a Redis flush or a failover to an empty
 * replica then stops sweeping for one period at most, not until a restart. The per-shop
 * reconciliation schedulers come back with the `schedule-reconcile` task this one restores.
 */
export async function assertMaintenanceSchedulers(ctx: AppContext): Promise<void> {
  const q = ctx.queues.queue('maintenance');
  await q.upsertJobScheduler(
    jobIds.maintenance.scheduler('sweep'),
    { every: ctx.config.maintenance.sweepEveryMs },
    { name: 'maintenance', data: { task: 'sweep' } },
  );
  await q.upsertJobScheduler(
    jobIds.maintenance.scheduler('schedule-reconcile'),
    { every: 60_000 },
    { name: 'maintenance', data: { task: 'schedule-reconcile' } },
  );
  await q.upsertJobScheduler(
    jobIds.maintenance.scheduler('detect-delays'),
    { every: 10 * 60_000 },
    { name: 'maintenance', data: { task: 'detect-delays' } },
  );
  await q.upsertJobScheduler(
    jobIds.maintenance.scheduler('stock-digest'),
    { every: 15 * 60_000 },
    { name: 'maintenance', data: { task: 'stock-digest' } },
  );
}

/** Re-asserts the schedulers every `everyMs` until stopped; a failure (Redis away) is logged and tried again next period. */
export function keepMaintenanceSchedulers(ctx: AppContext, everyMs: number): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    assertMaintenanceSchedulers(ctx)
      .catch((err: Error) =>
        ctx.log.warn(
          { err: err.message, schedulers: ['sweep', 'schedule-reconcile'] },
          'could not re-assert the maintenance schedulers; trying again next period',
        ),
      )
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
