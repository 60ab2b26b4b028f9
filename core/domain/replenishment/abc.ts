import type { AbcClass } from './types.js';

/**
 * Revenue-share cut-offs: A takes the top `a` of revenue, B the next `b`, C the rest
 * (defaults 0.80 / 0.15, leaving 0.05 to C).
 */
export interface AbcCutoffs {
  a: number;
  b: number;
}

export const defaultAbcCutoffs: AbcCutoffs = { a: 0.8, b: 0.15 };

/** One SKU's revenue over the period the classes describe. */
export interface AbcItem {
  sku: string;
  revenue: number;
}

/** Where a SKU landed and why. */
export interface AbcAssignment {
  sku: string;
  /** Revenue used for ranking (negative revenue counts as 0). */
  revenue: number;
  /** This SKU's share of total revenue. */
  share: number;
  /** Share of all SKUs ranked above it (the SKU itself excluded). */
  cumulativeShareBefore: number;
  abcClass: AbcClass;
}

// shares are compared in revenue units; this keeps 0.8 × 100 = 80.00000000000001 from moving a boundary
const slack = 1e-12;

/**
 * A/B/C classes for a set of SKUs. SKUs are ranked by revenue, highest first (ties by SKU).
 * A SKU is A when the SKUs above it hold less than `a` of revenue, so the SKU that crosses the
 * A boundary is A; likewise B below `a + b`; the rest are C. With no revenue at all every SKU is C.
 * Returned in rank order.
 */
export function abcClasses(items: readonly AbcItem[], cutoffs: AbcCutoffs = defaultAbcCutoffs): AbcAssignment[] {
  const { a, b } = cutoffs;
  if (!(a > 0 && b >= 0 && a + b <= 1 + slack))
    throw new RangeError(`ABC cut-offs need a > 0, b ≥ 0 and a + b ≤ 1, got a=${a} b=${b}`);
  const ranked = items
    .map((i) => ({ sku: i.sku, revenue: Number.isFinite(i.revenue) && i.revenue > 0 ? i.revenue : 0 }))
    .sort((x, y) => y.revenue - x.revenue || (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));
  const total = ranked.reduce((s, i) => s + i.revenue, 0);
  const aLimit = a * total - slack * total;
  const bLimit = (a + b) * total - slack * total;
  let before = 0;
  return ranked.map((item) => {
    const abcClass: AbcClass = total <= 0 ? 'C' : before < aLimit ? 'A' : before < bLimit ? 'B' : 'C';
    const out: AbcAssignment = {
      sku: item.sku,
      revenue: item.revenue,
      share: total > 0 ? item.revenue / total : 0,
      cumulativeShareBefore: total > 0 ? before / total : 0,
      abcClass,
    };
    before += item.revenue;
    return out;
  });
}
