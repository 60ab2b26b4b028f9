import type { Worker } from 'bullmq';
import type { AppContext } from '../core/context.js';
import { isQueueName, type QueueName } from '../core/queue/names.js';
import { channelsProcessor } from './channels.js';
import { dispatchProcessor } from './dispatch.js';
import { startFeedWebhookDelivery } from './feed-webhooks.js';
import { emailProcessor } from './email.js';
import { fulfillProcessor } from './fulfill.js';
import { ingestProcessor, ingestProcessorFor } from './ingest.js';
import { maintenanceProcessor } from './maintenance.js';
import { reconcileProcessor } from './reconcile.js';
import { returnsProcessor } from './returns.js';
import { routeProcessor } from './route.js';
import { simulateProcessor } from './simulate.js';
import { alertsProcessor, inventorySyncProcessor } from './stock.js';
import { runWorker, type ProcessorDef } from './run-worker.js';
import { assertMaintenanceSchedulers, keepMaintenanceSchedulers } from './schedulers.js';

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
  channels: channelsProcessor,
  email: emailProcessor,
  returns: returnsProcessor,
  simulate: simulateProcessor,
};

export interface StartedWorkers {
  names: QueueName[];
  workers: Worker[];
  /** waits for in-flight jobs, then closes */
  close(): Promise<void>;
}

/**
 * Starts the workers named in `only` (all registered ones when absent). Every worker process,
 * whatever queues it serves, asserts the maintenance schedulers at start and then periodically.
 */
export async function startWorkers(
  ctx: AppContext,
  only?: string[],
  opts: { reassertSchedulersEveryMs?: number } = {},
): Promise<StartedWorkers> {
  const unknown = (only ?? []).filter((n) => !isQueueName(n) || !processors[n]);
  if (unknown.length)
    throw new Error(
      `WORKERS names unknown queues: ${unknown.join(', ')}; known: ${Object.keys(processors).join(', ')}`,
    );
  const names = (only ?? Object.keys(processors)) as QueueName[];
  // a process serving both ingest and route routes an order in the job that ingested it; split
  // processes (WORKERS=ingest, WORKERS=route) pass the order on through the route queue
  const defOf = <N extends QueueName>(name: N): ProcessorDef<N> =>
    (name === 'ingest' && names.includes('route') ? ingestProcessorFor(true) : processors[name]) as ProcessorDef<N>;
  const workers = names.map((name) => runWorker(ctx, name, defOf(name)));
  await assertMaintenanceSchedulers(ctx);
  const schedulers = keepMaintenanceSchedulers(
    ctx,
    opts.reassertSchedulersEveryMs ?? ctx.config.maintenance.reassertSchedulersEveryMs,
  );
  // the 3PL feed's webhooks go with dispatching: both tell a 3PL of its work
  const webhooks = names.includes('dispatch') ? await startFeedWebhookDelivery(ctx) : null;
  return {
    names,
    workers,
    close: async () => {
      schedulers.stop();
      await Promise.all([...workers.map((w) => w.close()), webhooks?.close()]);
    },
  };
}
