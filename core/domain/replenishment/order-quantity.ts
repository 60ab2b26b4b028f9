import { requireFinite, requireNonNegative, requirePositiveInteger } from './checks.js';

/** Inputs of the economic order quantity, all per year. */
export interface EoqInput {
  /** D: units demanded per year. */
  annualDemand: number;
  /** K: fixed cost of placing one order. */
  orderCost: number;
  /** H: cost of holding one unit for a year. */
  holdingCostPerUnitYear: number;
}

/**
 * EOQ = √(2DK/H), unrounded. Null when H ≤ 0 (the formula has no minimum then) or an input
 * is negative or not finite; 0 when there is no demand.
 */
export function economicOrderQuantity(input: EoqInput): number | null {
  const { annualDemand: D, orderCost: K, holdingCostPerUnitYear: H } = input;
  if (![D, K, H].every(Number.isFinite) || D < 0 || K < 0 || H <= 0) return null;
  return Math.sqrt((2 * D * K) / H);
}

/** How a supplier sells: whole packs, and at least a minimum order quantity. */
export interface OrderConstraints {
  /** Units per pack; quantities are multiples of it. */
  packSize: number;
  /** Minimum order quantity in units. */
  moq: number;
}

// 707.0000000001 from floating point must not become a whole extra pack
const roundingSlack = 1e-9;

/** `quantity` raised to at least the MOQ, then rounded up to whole packs. */
export function roundOrderQuantity(quantity: number, constraints: OrderConstraints): number {
  const q = requireFinite('quantity', quantity);
  const pack = requirePositiveInteger('packSize', constraints.packSize);
  const moq = requireNonNegative('moq', constraints.moq);
  const wanted = Math.max(q, moq, 0);
  return Math.max(0, Math.ceil(wanted / pack - roundingSlack)) * pack;
}

/** What decides whether and how much to order for one SKU. */
export interface OrderNeedInput extends OrderConstraints {
  /** Available + on order − backorders. */
  inventoryPosition: number;
  reorderPoint: number;
  /** Unrounded EOQ, or null when it has none. */
  eoq: number | null;
  meanDailyDemand: number;
}

/**
 * Units to order now: none unless the position is at or below the reorder point and there is
 * demand (or a negative position from backorders). Then the larger of the EOQ and what brings
 * the position back to the reorder point, and at least one unit (a position exactly at the
 * reorder point, with demand, is due: the next sale takes it below), raised to the MOQ and
 * whole packs.
 */
export function suggestedOrderQuantity(input: OrderNeedInput): number {
  const { inventoryPosition: position, reorderPoint: rop } = input;
  if (position > rop) return 0;
  if (input.meanDailyDemand <= 0 && position >= 0) return 0;
  return roundOrderQuantity(Math.max(input.eoq ?? 0, rop - position, 1), input);
}
