/** How the warehouse found a returned unit. */
export const grades = ['resellable', 'refurbish', 'damaged', 'missing'] as const;
export type Grade = (typeof grades)[number];

/** What a grade does to stock here and in Shopify. */
export interface GradeEffect {
  /** units go back to sellable stock (ledger reason `returned`) */
  sellable: boolean;
  /** units are counted in the warehouse's damaged quantity */
  damaged: boolean;
  /** reverseFulfillmentOrderDispose type */
  shopifyDisposition: 'RESTOCKED' | 'PROCESSING_REQUIRED' | 'NOT_RESTOCKED' | 'MISSING';
}

export const gradeEffects: Record<Grade, GradeEffect> = {
  resellable: { sellable: true, damaged: false, shopifyDisposition: 'RESTOCKED' },
  refurbish: { sellable: false, damaged: false, shopifyDisposition: 'PROCESSING_REQUIRED' },
  damaged: { sellable: false, damaged: true, shopifyDisposition: 'NOT_RESTOCKED' },
  missing: { sellable: false, damaged: false, shopifyDisposition: 'MISSING' },
};

export interface GradedUnits {
  grade: Grade;
  quantity: number;
}

/** Totals per effect for a line's graded units; the quantities never exceed what was returned. */
export function stockEffects(
  units: readonly GradedUnits[],
  returned: number,
): { restock: number; damaged: number; other: number } | { error: string } {
  const total = units.reduce((s, u) => s + u.quantity, 0);
  if (units.some((u) => !Number.isInteger(u.quantity) || u.quantity < 0))
    return { error: 'quantities must be whole and not negative' };
  if (total > returned) return { error: `${total} units graded but ${returned} returned` };
  let restock = 0,
    damaged = 0,
    other = 0;
  for (const u of units) {
    const e = gradeEffects[u.grade];
    if (e.sellable) restock += u.quantity;
    else if (e.damaged) damaged += u.quantity;
    else other += u.quantity;
  }
  return { restock, damaged, other };
}
