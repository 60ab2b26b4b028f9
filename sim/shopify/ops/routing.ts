import { getLevel } from '../state/inventory.js';
import type { SimLocation, SimShop } from '../state/types.js';

/** A line to place somewhere. */
export interface RoutableLine {
  lineItemId: number;
  inventoryItemId: number | null;
  quantity: number;
}

/** Units of a line assigned to a location. */
export interface RoutedLine {
  lineItemId: number;
  quantity: number;
}

/** Result of routing: quantities per location, and what found no stock. */
export interface RoutingPlan {
  byLocation: Map<number, RoutedLine[]>;
  unplaced: RoutedLine[];
}

/**
 * Locations in the order Shopify's default routing considers them: merchant-managed ones by the
 * shop's ranking, then fulfillment-service locations by creation.
 */
export function rankedLocations(shop: SimShop): SimLocation[] {
  const rank = (l: SimLocation): number => {
    const i = shop.locationRanking.indexOf(l.id);
    if (l.fulfillmentServiceId !== null) return 1_000_000 + l.createdAt / 1e13;
    return i === -1 ? 500_000 : i;
  };
  return [...shop.locations.values()]
    .filter((l) => l.isActive && l.fulfillsOnlineOrders)
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

function availableAt(shop: SimShop, loc: SimLocation, line: RoutableLine): number {
  if (line.inventoryItemId === null) return Number.POSITIVE_INFINITY;
  const level = getLevel(shop, line.inventoryItemId, loc.id);
  if (!level || !level.isActive) return 0;
  const item = shop.inventoryItems.get(line.inventoryItemId);
  if (item && !item.tracked) return Number.POSITIVE_INFINITY;
  return Math.max(0, level.quantities.available);
}

function stocks(shop: SimShop, loc: SimLocation, line: RoutableLine): boolean {
  if (line.inventoryItemId === null) return true;
  return getLevel(shop, line.inventoryItemId, loc.id)?.isActive === true;
}

function push(plan: Map<number, RoutedLine[]>, locationId: number, lineItemId: number, quantity: number): void {
  const list = plan.get(locationId) ?? [];
  const existing = list.find((l) => l.lineItemId === lineItemId);
  if (existing) existing.quantity += quantity;
  else list.push({ lineItemId, quantity });
  plan.set(locationId, list);
}

/**
 * Shopify's default order routing, simplified: one location that has everything (best ranked),
 * else repeatedly the location covering the most remaining units, splitting lines when needed.
 * Units no location has are left in `unplaced`.
 */
export function planRouting(shop: SimShop, lines: readonly RoutableLine[]): RoutingPlan {
  const locations = rankedLocations(shop);
  const byLocation = new Map<number, RoutedLine[]>();
  const whole = locations.find((loc) => lines.every((l) => availableAt(shop, loc, l) >= l.quantity));
  if (whole) {
    for (const l of lines) push(byLocation, whole.id, l.lineItemId, l.quantity);
    return { byLocation, unplaced: [] };
  }
  const remaining = new Map(lines.map((l) => [l.lineItemId, l.quantity]));
  const used = new Map<string, number>();
  const free = (loc: SimLocation, l: RoutableLine): number =>
    availableAt(shop, loc, l) - (used.get(`${loc.id}:${l.lineItemId}`) ?? 0);
  for (;;) {
    let best: { loc: SimLocation; units: number } | null = null;
    for (const loc of locations) {
      let units = 0;
      for (const l of lines) units += Math.min(remaining.get(l.lineItemId) ?? 0, Math.max(0, free(loc, l)));
      if (units > 0 && (best === null || units > best.units)) best = { loc, units };
    }
    if (best === null) break;
    for (const l of lines) {
      const take = Math.min(remaining.get(l.lineItemId) ?? 0, Math.max(0, free(best.loc, l)));
      if (take <= 0) continue;
      push(byLocation, best.loc.id, l.lineItemId, take);
      remaining.set(l.lineItemId, (remaining.get(l.lineItemId) ?? 0) - take);
      used.set(`${best.loc.id}:${l.lineItemId}`, (used.get(`${best.loc.id}:${l.lineItemId}`) ?? 0) + take);
    }
  }
  const unplaced: RoutedLine[] = [];
  for (const l of lines) {
    const left = remaining.get(l.lineItemId) ?? 0;
    if (left > 0) unplaced.push({ lineItemId: l.lineItemId, quantity: left });
  }
  return { byLocation, unplaced };
}

/** Where oversold units go: the best-ranked location that stocks the item, else the best-ranked one. */
export function oversellLocation(shop: SimShop, line: RoutableLine): SimLocation | undefined {
  const locations = rankedLocations(shop);
  return locations.find((loc) => stocks(shop, loc, line)) ?? locations[0];
}
