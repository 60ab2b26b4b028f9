import type { Worker } from 'bullmq';
import type { AppContext } from '../core/context.js';
import { isQueueName, type QueueName } from '../core/queue/names.js';
import { dispatchProcessor } from './dispatch.js';
import { emailProcessor } from './email.js';
import { fulfillProcessor } from './fulfill.js';
import { ingestProcessor } from './ingest.js';
import { maintenanceProcessor } from './maintenance.js';
import { reconcileProcessor } from './reconcile.js';
import { returnsProcessor } from './returns.js';
import { routeProcessor } from './route.js';
import { alertsProcessor, inventorySyncProcessor } from './stock.js';
import { runWorker, type ProcessorDef } from './run-worker.js';

/** Which processor serves which queue. A queue without a processor here is not started. */
export const processors: Partial<{ [N in QueueName]: ProcessorDef<N> }> = {
  ingest: ingestProcessor,
  route: routeProcessor,
  dispatch: dispatchProcessor,
  fulfill: fulfillProcessor,
  'inventory-sync': inventorySyncProcessor,
  alerts: alertsProcessor,
  maintenance: maintenanceProcessor,
  reconcile: reconcileProcessor,
  email: emailProcessor,
  returns: returnsProcessor,
};

export interface StartedWorkers {
  names: QueueName[];
  workers: Worker[];
  /** waits for in-flight jobs, then closes */
  close(): Promise<void>;
}

/** Starts the workers named in `only` (all registered ones when absent) and their schedules. */
export async function startWorkers(ctx: AppContext, only?: string[]): Promise<StartedWorkers> {
  const unknown = (only ?? []).filter((n) => !isQueueName(n) || !processors[n]);
  if (unknown.length) throw new Error(`WORKERS names unknown queues: ${unknown.join(', ')}; known: ${Object.keys(processors).join(', ')}`);
  const names = (only ?? Object.keys(processors)) as QueueName[];
  const workers = names.map((name) => runWorker(ctx, name, processors[name] as ProcessorDef<typeof name>));
  if (names.includes('maintenance')) {
    const q = ctx.queues.queue('maintenance');
    await q.upsertJobScheduler('sweep', { every: 15_000 }, { name: 'maintenance', data: { task: 'sweep' } });
    await q.upsertJobScheduler('schedule-reconcile', { every: 60_000 }, { name: 'maintenance', data: { task: 'schedule-reconcile' } });
    await q.upsertJobScheduler('detect-delays', { every: 10 * 60_000 }, { name: 'maintenance', data: { task: 'detect-delays' } });
    await q.upsertJobScheduler('stock-digest', { every: 15 * 60_000 }, { name: 'maintenance', data: { task: 'stock-digest' } });
  }
  return {
    names,
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
