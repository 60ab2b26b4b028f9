import { createAlertsQueries, type StockAlertRow } from '../../db/alerts-queries.js';
import type { DbOrTx } from '../../db/client.js';
import { createPurchasingQueries, type SkuPurchasingPatch, type SkuRow } from '../../db/purchasing-queries.js';
import { createStockSettingsRepo, type StockSettings } from '../../db/stock-settings-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFullAlerts, enqueueFullInventorySync } from '../../queue/producers.js';

export interface StockActionDeps {
  db: DbOrTx;
  queues: Queues;
  log: Logger;
}

// After an edit the change is saved: a failed enqueue is logged with its job id by the producer and
// the next scheduled run catches up, so the merchant's save still succeeds.

/** Saves what purchasing set on a SKU, then recomputes the shop's alerts. */
export async function updateSkuPurchasing(
  deps: StockActionDeps,
  input: { shopId: number; skuId: number; patch: SkuPurchasingPatch; now: Date },
): Promise<SkuRow> {
  const row = await createPurchasingQueries(deps.db).updateSku(input.shopId, input.skuId, input.patch, input.now);
  if (!row) throw new NotFoundError('SKU');
  await enqueueFullAlerts(deps.queues, input.shopId, 'edit', Date.now());
  return row;
}

/** Hides an alert for some days; it opens again when the snooze ends if the cause remains. */
export async function snoozeAlert(
  deps: { db: DbOrTx },
  input: { shopId: number; alertId: number; days: number; now: Date },
): Promise<StockAlertRow> {
  const until = new Date(input.now.getTime() + input.days * 86_400_000);
  const row = await createAlertsQueries(deps.db).snooze(input.shopId, input.alertId, until, input.now);
  if (!row) throw new NotFoundError('alert');
  return row;
}

/** Marks an alert handled; the next run raises it again if the cause remains. */
export async function resolveAlert(
  deps: { db: DbOrTx },
  input: { shopId: number; alertId: number; actor: string; now: Date },
): Promise<StockAlertRow> {
  const row = await createAlertsQueries(deps.db).resolve(input.shopId, input.alertId, input.actor, input.now);
  if (!row) throw new NotFoundError('alert');
  return row;
}

/** Saves the replenishment settings, then recomputes alerts and channel quantities with them. */
export async function saveStockSettings(deps: StockActionDeps, input: { shopId: number; settings: StockSettings }) {
  const repo = createStockSettingsRepo(deps.db);
  await repo.save(input.shopId, input.settings);
  const at = Date.now();
  await enqueueFullAlerts(deps.queues, input.shopId, 'settings', at);
  await enqueueFullInventorySync(deps.queues, input.shopId, 'settings', at);
  return repo.get(input.shopId);
}

/** A merchant's "recompute now": whether the run was queued (the producer logs why not). */
export function requestAlertsRecompute(
  deps: { queues: Queues },
  input: { shopId: number; now: Date },
): Promise<boolean> {
  return enqueueFullAlerts(deps.queues, input.shopId, 'manual', input.now.getTime());
}
