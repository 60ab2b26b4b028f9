import {
  haversineKm,
  pointOf,
  zoneFor,
  type RoutingOrder,
  type RoutingWarehouse,
} from '../../core/domain/routing/index.js';

/** One shipment decided by a router in the bench. */
export interface BenchAllocation {
  warehouseId: string;
  lines: { lineId: string; sku: string; quantity: number }[];
  /** The ship date the router planned, when it plans one; else the warehouse's next slot is used. */
  plannedShipDate?: string;
}

interface Location {
  w: RoutingWarehouse;
  inMarket: boolean;
  km: number;
}

/** Shopify's location order: stay in market, then closest (haversine), then the ranked list. */
function compareLocations(a: Location, b: Location): number {
  return (
    Number(b.inMarket) - Number(a.inMarket) || a.km - b.km || a.w.priority - b.w.priority || (a.w.id < b.w.id ? -1 : 1)
  );
}

function* subsets<T>(items: readonly T[], k: number, start = 0, acc: T[] = []): Generator<T[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let i = start; i < items.length; i++) {
    acc.push(items[i]!);
    yield* subsets(items, k, i + 1, acc);
    acc.pop();
  }
}

/** Assigns each line to the best-ranked location of the set holding all of it, else spreads it in rank order. */
function assign(order: RoutingOrder, set: readonly Location[]): { allocations: BenchAllocation[]; units: number } {
  const left = new Map<string, number>();
  const avail = (l: Location, sku: string): number => left.get(`${l.w.id}|${sku}`) ?? Math.max(0, l.w.stock[sku] ?? 0);
  const out = new Map<string, BenchAllocation>();
  let units = 0;
  const take = (l: Location, lineId: string, sku: string, q: number): void => {
    if (q <= 0) return;
    left.set(`${l.w.id}|${sku}`, avail(l, sku) - q);
    const a = out.get(l.w.id) ?? { warehouseId: l.w.id, lines: [] };
    a.lines.push({ lineId, sku, quantity: q });
    out.set(l.w.id, a);
    units += q;
  };
  for (const line of order.lines) {
    const whole = set.find((l) => avail(l, line.sku) >= line.quantity);
    if (whole) {
      take(whole, line.lineId, line.sku, line.quantity);
      continue;
    }
    let remaining = line.quantity;
    for (const l of set) {
      const q = Math.min(avail(l, line.sku), remaining);
      take(l, line.lineId, line.sku, q);
      remaining -= q;
    }
  }
  return { allocations: set.flatMap((l) => (out.has(l.w.id) ? [out.get(l.w.id)!] : [])), units };
}

/**
 * Shopify's default order routing, as its help centre documents it: rules run top to bottom —
 * 1. minimize split fulfillments (a location with every item in stock first; otherwise the
 *    fewest packages), 2. stay within the destination market, 3. ship from the closest location
 *    (haversine), with the merchant's ranked location list breaking remaining ties. Only
 *    locations whose shipping zones cover the address take part. It knows nothing of shipping
 *    rates, cut-offs or capacity. Units no location holds are left unallocated.
 */
export function routeLikeShopify(order: RoutingOrder, candidates: readonly RoutingWarehouse[]): BenchAllocation[] {
  const dest = pointOf(order.shippingAddress);
  const locations: Location[] = candidates
    .filter((w) => zoneFor(w, order.shippingAddress) !== null)
    .map((w) => {
      const p = pointOf(w);
      return {
        w,
        inMarket: w.countryCode === order.shippingAddress.countryCode,
        km: p && dest ? haversineKm(p, dest) : Number.MAX_SAFE_INTEGER,
      };
    })
    .filter((l) => order.lines.some((line) => (l.w.stock[line.sku] ?? 0) > 0))
    .sort(compareLocations);
  const ordered = order.lines.reduce((s, l) => s + l.quantity, 0);
  let best: { allocations: BenchAllocation[]; units: number; key: number[] } | null = null;
  for (let k = 1; k <= locations.length; k++) {
    for (const set of subsets(locations, k)) {
      const plan = assign(order, set);
      if (plan.allocations.length < k) continue;
      // Fewest packages for the most units; then market, distance and rank of the set.
      const key = [
        -plan.units,
        k,
        set.filter((l) => !l.inMarket).length,
        set.reduce((s, l) => s + l.km, 0),
        set.reduce((s, l) => s + l.w.priority, 0),
      ];
      if (!best || lexLess(key, best.key)) best = { ...plan, key };
    }
    if (best && best.units === ordered) break;
  }
  return best?.allocations ?? [];
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
