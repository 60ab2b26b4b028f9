import { createAlertsQueries, type StockAlertRow } from '../../db/alerts-queries.js';
import type { DbOrTx } from '../../db/client.js';
import { createPurchasingQueries, type SkuPurchasingPatch, type SkuRow } from '../../db/purchasing-queries.js';
import { createStockSettingsRepo, type StockSettings } from '../../db/stock-settings-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';

export interface StockActionDeps {
  db: DbOrTx;
  queues: Queues;
  log: Logger;
}

/**
 * Asks for a full recompute after an edit. The edit is already saved: a failed enqueue is logged
 * with its job id and the next scheduled run catches up, so the merchant's save still succeeds.
 */
async function requestFullRun(deps: StockActionDeps, queue: 'alerts' | 'inventory-sync', shopId: number, jobId: string): Promise<void> {
  try {
    await deps.queues.add(queue, { shopId, full: true }, { jobId });
  } catch (err) {
    deps.log.warn({ err, queue, jobId, shopId }, 'full run not queued after an edit; the scheduled run will pick the change up');
  }
}

/** Saves what purchasing set on a SKU, then recomputes the shop's alerts. */
export async function updateSkuPurchasing(deps: StockActionDeps, input: { shopId: number; skuId: number; patch: SkuPurchasingPatch; now: Date }): Promise<SkuRow> {
  const row = await createPurchasingQueries(deps.db).updateSku(input.shopId, input.skuId, input.patch, input.now);
  if (!row) throw new NotFoundError('SKU');
  await requestFullRun(deps, 'alerts', input.shopId, `alerts-${input.shopId}-edit-${Date.now()}`);
  return row;
}

/** Hides an alert for some days; it opens again when the snooze ends if the cause remains. */
export async function snoozeAlert(deps: { db: DbOrTx }, input: { shopId: number; alertId: number; days: number; now: Date }): Promise<StockAlertRow> {
  const until = new Date(input.now.getTime() + input.days * 86_400_000);
  const row = await createAlertsQueries(deps.db).snooze(input.shopId, input.alertId, until, input.now);
  if (!row) throw new NotFoundError('alert');
  return row;
}

/** Marks an alert handled; the next run raises it again if the cause remains. */
export async function resolveAlert(deps: { db: DbOrTx }, input: { shopId: number; alertId: number; actor: string; now: Date }): Promise<StockAlertRow> {
  const row = await createAlertsQueries(deps.db).resolve(input.shopId, input.alertId, input.actor, input.now);
  if (!row) throw new NotFoundError('alert');
  return row;
}

/** Saves the replenishment settings, then recomputes alerts and channel quantities with them. */
export async function saveStockSettings(deps: StockActionDeps, input: { shopId: number; settings: StockSettings }) {
  const repo = createStockSettingsRepo(deps.db);
  await repo.save(input.shopId, input.settings);
  await requestFullRun(deps, 'alerts', input.shopId, `alerts-${input.shopId}-settings-${Date.now()}`);
  await requestFullRun(deps, 'inventory-sync', input.shopId, `invsync-${input.shopId}-settings-${Date.now()}`);
  return repo.get(input.shopId);
}
