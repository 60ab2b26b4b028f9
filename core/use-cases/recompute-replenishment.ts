import type { Database } from '../db/client.js';
import { createReplenishmentRepo, type AlertKind, type NewStockAlert } from '../db/replenishment-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createStockRepo } from '../db/stock-repo.js';
import { createStockSettingsRepo } from '../db/stock-settings-repo.js';
import {
  belowReorderPointAlert,
  deadStockAlert,
  outOfStockWithBackordersAlert,
  overstockAlert,
  serviceLevelZ,
  stockoutWithinLeadTimeAlert,
  type ReplenishmentAlert,
} from '../domain/replenishment/index.js';
import { NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface ReplenishmentDeps {
  database: Database;
  log: Logger;
  now?: () => Date;
}

const localDate = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Recomputes replenishment for a shop in set-based SQL: daily demand, the per-SKU snapshot
 * (mean, σ, safety stock, reorder point, EOQ, cover, stockout date, suggested order) and the
 * A/B/C classes; then raises and resolves alerts, keeping each formula's inputs for the UI.
 * `full` is the nightly run over every SKU; otherwise only the SKUs whose stock moved.
 */
export async function recomputeReplenishment(
  deps: ReplenishmentDeps,
  input: { shopId: number; full?: boolean; keepDemand?: boolean },
) {
  const { db } = deps.database;
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const shop = await createShopsRepo(db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  const { settings } = await createStockSettingsRepo(db).get(shop.id);
  const asOf = localDate(now, shop.timezone);

  let skuIds: number[] | undefined;
  if (!input.full) {
    const taken = await createStockRepo(db).takeDirty(shop.id, 'alerts');
    skuIds = [...new Set(taken.map((t) => t.skuId))];
  }
  const days = Math.max(settings.demandWindowDays, settings.deadStockDays);
  await createReplenishmentRepo(db).recompute({
    tuneWorkMem: deps.database.driver === 'postgres',
    shopId: shop.id,
    // keepDemand: demand_daily was loaded by another path (the benchmark, a data import)
    demandFrom: input.keepDemand ? null : input.full ? addDays(asOf, -days) : addDays(asOf, -1),
    snapshot: {
      shopId: shop.id,
      asOf,
      windowDays: settings.demandWindowDays,
      deadStockDays: settings.deadStockDays,
      z: serviceLevelZ(settings.serviceLevel),
      defaultLeadTimeDays: settings.defaultLeadTimeDays,
      supplierLeadTimes: settings.supplierLeadTimes,
      orderCost: settings.orderCost,
      holdingRatePerYear: settings.holdingRatePerYear,
      skuIds: input.full ? undefined : skuIds,
    },
    abc: input.full ? settings.abcCutoffs : null,
  });
  const computed = Date.now() - started;
  const alerts = await syncAlerts(deps, shop.id, asOf, settings.overstockDays, settings.deadStockDays, skuIds);
  deps.log.info(
    { shop: shop.domain, full: !!input.full, skus: skuIds?.length ?? 'all', computedMs: computed, ...alerts },
    'replenishment recomputed',
  );
  return { asOf, skus: skuIds?.length ?? null, computedMs: computed, ...alerts };
}

/** Builds the alerts from the snapshot with the domain's builders, then opens, refreshes and resolves rows. */
async function syncAlerts(
  deps: ReplenishmentDeps,
  shopId: number,
  asOf: string,
  overstockDays: number,
  deadStockDays: number,
  skuIds: number[] | undefined,
) {
  const { db } = deps.database;
  if (skuIds && skuIds.length === 0) return { opened: 0, refreshed: 0, resolved: 0 };
  const repo = createReplenishmentRepo(db);
  const rows = await repo.alertCandidates(shopId, { asOf, overstockDays, deadStockDays, skuIds });
  const wanted = new Map<string, { skuId: number; alert: ReplenishmentAlert }>();
  for (const { r, sku } of rows) {
    const list = [
      belowReorderPointAlert(sku, {
        available: r.available,
        onOrder: 0,
        backorders: r.backorders,
        inventoryPosition: r.available - r.backorders,
        safetyStock: round(r.safetyStock),
        meanDailyDemand: round(r.meanDaily),
        leadTimeDays: r.leadTimeDays,
        reorderPoint: round(r.reorderPoint),
      }),
      stockoutWithinLeadTimeAlert(
        sku,
        { available: r.available, meanDailyDemand: round(r.meanDaily), leadTimeDays: r.leadTimeDays },
        asOf,
      ),
      outOfStockWithBackordersAlert(sku, { onHand: r.onHand, reserved: r.reserved, backorders: r.backorders }),
      overstockAlert(sku, { available: r.available, meanDailyDemand: round(r.meanDaily), overstockDays }),
      deadStockAlert(
        sku,
        r.available,
        { lastSaleDate: r.lastSale, historyStart: addDays(asOf, -(deadStockDays - 1)) },
        asOf,
        deadStockDays,
      ),
    ];
    // running out within the lead time is the more precise message when both hold
    const kinds = new Set(list.filter(Boolean).map((a) => a!.kind));
    for (const a of list) {
      if (!a) continue;
      if (a.kind === 'stockout_within_lead_time' && kinds.has('out_of_stock_with_backorders')) continue;
      wanted.set(`${r.skuId}:${a.kind}`, { skuId: r.skuId, alert: a });
    }
  }

  // a snooze ends: the alert is open again (and refreshed below if it still holds)
  await repo.reopenSnoozedAlerts(shopId);
  const existing = await repo.unresolvedAlerts(shopId, skuIds);
  const have = new Map(existing.map((e) => [`${e.skuId}:${e.kind}`, e]));
  let opened = 0,
    refreshed = 0;
  const toInsert: NewStockAlert[] = [];
  const toRefresh: Parameters<typeof repo.refreshAlerts>[1] = [];
  for (const [key, { skuId, alert }] of wanted) {
    const e = have.get(key);
    if (!e) {
      toInsert.push({
        skuId,
        kind: alert.kind as AlertKind,
        severity: alert.severity,
        message: alert.message,
        formula: alert.formula,
        inputs: alert.inputs,
      });
      opened++;
    } else if (e.formula !== alert.formula || e.severity !== alert.severity) {
      toRefresh.push({
        id: e.id,
        severity: alert.severity,
        message: alert.message,
        formula: alert.formula,
        inputs: alert.inputs,
      });
      refreshed++;
    }
  }
  await repo.refreshAlerts(shopId, toRefresh);
  await repo.openAlerts(shopId, toInsert);
  const gone = existing.filter((e) => !wanted.has(`${e.skuId}:${e.kind}`)).map((e) => e.id);
  await repo.resolveAlerts(gone, 'recompute');
  return { opened, refreshed, resolved: gone.length };
}

const round = (n: number) => Math.round(n * 100) / 100;
