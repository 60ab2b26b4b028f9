import { abcClasses, defaultAbcCutoffs, type AbcCutoffs } from './abc.js';
import { demandStats } from './demand-stats.js';
import {
  defaultReplenishmentPolicy,
  replenishment,
  type ReplenishmentParams,
  type ReplenishmentResult,
} from './replenishment.js';
import type { DemandDay } from './types.js';

/** One SKU's history and parameters, for a whole-catalogue run. */
export interface SkuReplenishmentInput {
  history: readonly DemandDay[];
  params: Omit<ReplenishmentParams, 'abcClass'>;
}

/**
 * Runs {@link replenishment} for a set of SKUs, with A/B/C classes from each SKU's revenue over
 * its own demand window. For small catalogues and tests; the nightly job does the same in SQL
 * (see sql-notes.md).
 */
export function replenishmentForSkus(
  inputs: readonly SkuReplenishmentInput[],
  cutoffs: AbcCutoffs = defaultAbcCutoffs,
): ReplenishmentResult[] {
  const revenue = inputs.map(({ history, params }) => ({
    sku: params.sku,
    revenue: demandStats(history, {
      asOf: params.asOf,
      windowDays: params.policy?.windowDays ?? defaultReplenishmentPolicy.windowDays,
      since: params.since ?? null,
    }).totalRevenue,
  }));
  const classes = new Map(abcClasses(revenue, cutoffs).map((a) => [a.sku, a.abcClass]));
  return inputs.map(({ history, params }) =>
    replenishment(history, { ...params, abcClass: classes.get(params.sku) ?? null }),
  );
}
