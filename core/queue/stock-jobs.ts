import type { Queues } from './producer.js';

/**
 * After a transaction that moved stock: wake the channel sync and the alerts recompute for the
 * shop. One job per shop per short window, so a burst of changes is coalesced into a few runs;
 * the SKUs to look at wait in `stock_dirty`, written with the change itself.
 */
export async function kickStockJobs(queues: Queues, shopId: number, now = Date.now()): Promise<void> {
  const second = Math.floor(now / 1000);
  await Promise.all([
    queues.add('inventory-sync', { shopId }, { jobId: `invsync-${shopId}-${second}`, delay: 500 }),
    queues.add('alerts', { shopId }, { jobId: `alerts-${shopId}-${Math.floor(second / 5)}`, delay: 2000 }),
  ]).catch(() => {
    // the maintenance sweep finds SKUs left in stock_dirty and wakes the jobs then
  });
}
