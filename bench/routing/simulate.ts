import {
  addDays,
  deliveryDateAfter,
  haversineKm,
  isoWeekday,
  nextShipSlot,
  pointOf,
  zoneFor,
  type RoutingWarehouse,
} from '../../core/domain/routing/index.js';
import type { BenchAllocation } from './reference-shopify.js';
import { sites, type WarehouseSite } from './scenario.js';
import type { BenchOrder, StockBook, Workload } from './workload.js';

/** A router under test: sees the order, the live candidates and the clock; returns shipments. */
export type BenchRouter = (order: BenchOrder, candidates: RoutingWarehouse[], now: Date) => BenchAllocation[];

/** Figures for one routing policy over the whole workload. */
export interface PolicyFigures {
  /** Share of orders shipped in more than one parcel. */
  split_rate: number;
  /** Total shipping cost (per-parcel rates). */
  cost: number;
  /** Share of orders delivered in full by the date promised at checkout. */
  promise_met: number;
  /** Mean warehouse → customer great-circle distance per parcel. */
  km: number;
  shipments: number;
  /** Share of orders with at least one unit not allocated. */
  backorder_rate: number;
  /** Share of ordered units allocated. */
  fill_rate: number;
  /** Parcels a full warehouse had to ship on a later day than planned. */
  capacity_delayed: number;
  /** Parcels per warehouse. */
  by_warehouse: Record<string, number>;
}

/** The quantity ledger of one run: it must balance or the run is void. */
export interface Ledger {
  ordered: number;
  allocated: number;
  backordered: number;
  /** Per warehouse and SKU: initial + inbound − allocated − final (must be 0). */
  imbalance: number;
  negativeStock: number;
  overAllocatedLines: number;
}

/** The outcome of one policy. */
export interface PolicyRun {
  figures: PolicyFigures;
  ledger: Ledger;
}

function isWorkingDay(site: WarehouseSite, date: string): boolean {
  return site.workingDays.includes(isoWeekday(date)) && !site.holidays.includes(date);
}

const cloneBook = (book: StockBook): StockBook =>
  Object.fromEntries(Object.entries(book).map(([w, s]) => [w, { ...s }]));

/**
 * Routes every order in time order with `router`, on its own copy of the stock, and ships the
 * parcels through the same physical model for every policy: a warehouse ships at most its daily
 * capacity per working day (the rest waits for the next one), and a parcel arrives after the
 * transit days of its zone.
 */
export function simulate(workload: Workload, router: BenchRouter): PolicyRun {
  const stock = cloneBook(workload.initialStock);
  const received = cloneBook(workload.initialStock);
  const booked = new Map<string, Map<string, number>>(sites.map((s) => [s.id, new Map()]));
  const byWarehouse: Record<string, number> = Object.fromEntries(sites.map((s) => [s.id, 0]));
  const pending = [...workload.inbounds].sort((a, b) => a.at.localeCompare(b.at));
  let splits = 0,
    cost = 0,
    met = 0,
    km = 0,
    shipments = 0,
    withBackorder = 0,
    delayed = 0;
  let orderedUnits = 0,
    allocatedUnits = 0,
    overAllocatedLines = 0;

  for (const order of workload.orders) {
    while (pending[0] && pending[0].at <= order.placedAt) {
      for (const [wid, skus] of Object.entries(pending.shift()!.stock)) {
        for (const [sku, q] of Object.entries(skus)) {
          stock[wid]![sku] = (stock[wid]![sku] ?? 0) + q;
          received[wid]![sku] = (received[wid]![sku] ?? 0) + q;
        }
      }
    }
    const now = new Date(order.placedAt);
    const candidates: RoutingWarehouse[] = sites.map((site) => {
      const slot = nextShipSlot(site, now);
      const usedToday = slot.ok ? (booked.get(site.id)!.get(slot.slot.shipDate) ?? 0) : 0;
      const skuStock = Object.fromEntries(order.lines.map((l) => [l.sku, stock[site.id]![l.sku] ?? 0]));
      return { ...site, usedToday, stock: skuStock };
    });
    const allocations = router(order, candidates, now);

    let latest = '';
    const perLine = new Map<string, number>();
    for (const a of allocations) {
      const site = sites.find((s) => s.id === a.warehouseId)!;
      for (const l of a.lines) {
        stock[site.id]![l.sku] = (stock[site.id]![l.sku] ?? 0) - l.quantity;
        perLine.set(l.lineId, (perLine.get(l.lineId) ?? 0) + l.quantity);
      }
      const zone = zoneFor(site, order.shippingAddress)!.zone.code;
      const slot = nextShipSlot(site, now);
      let day =
        a.plannedShipDate && slot.ok && a.plannedShipDate > slot.slot.shipDate
          ? a.plannedShipDate
          : slot.ok
            ? slot.slot.shipDate
            : order.placedAt.slice(0, 10);
      const planned = day;
      const load = booked.get(site.id)!;
      while ((load.get(day) ?? 0) >= site.dailyCapacity || !isWorkingDay(site, day)) day = addDays(day, 1);
      if (day !== planned) delayed++;
      load.set(day, (load.get(day) ?? 0) + 1);
      const delivered = deliveryDateAfter(site, day, site.serviceLevels[0]!.transitDays[zone] ?? 0);
      if (delivered > latest) latest = delivered;
      cost += site.costs[zone] ?? 0;
      km += haversineKm(pointOf(site)!, pointOf(order.shippingAddress)!);
      byWarehouse[site.id]!++;
    }
    const ordered = order.lines.reduce((s, l) => s + l.quantity, 0);
    const allocated = [...perLine.values()].reduce((s, q) => s + q, 0);
    for (const l of order.lines) if ((perLine.get(l.lineId) ?? 0) > l.quantity) overAllocatedLines++;
    orderedUnits += ordered;
    allocatedUnits += allocated;
    shipments += allocations.length;
    if (allocations.length > 1) splits++;
    if (allocated < ordered) withBackorder++;
    else if (allocations.length > 0 && latest <= order.deliverBy) met++;
  }

  let imbalance = 0,
    negativeStock = 0;
  const allocatedBy = new Map<string, number>();
  for (const [wid, skus] of Object.entries(received)) {
    for (const [sku, q] of Object.entries(skus)) allocatedBy.set(`${wid}|${sku}`, q - (stock[wid]![sku] ?? 0));
  }
  for (const [wid, skus] of Object.entries(stock)) {
    for (const [sku, q] of Object.entries(skus)) {
      if (q < 0) negativeStock++;
      if (!(sku in received[wid]!)) imbalance += Math.abs(q);
    }
  }
  const allocatedFromBook = [...allocatedBy.values()].reduce((s, q) => s + q, 0);
  imbalance += Math.abs(allocatedFromBook - allocatedUnits);

  const n = workload.orders.length || 1;
  return {
    figures: {
      split_rate: splits / n,
      cost,
      promise_met: met / n,
      km: shipments ? km / shipments : 0,
      shipments,
      backorder_rate: withBackorder / n,
      fill_rate: orderedUnits ? allocatedUnits / orderedUnits : 1,
      capacity_delayed: delayed,
      by_warehouse: byWarehouse,
    },
    ledger: {
      ordered: orderedUnits,
      allocated: allocatedUnits,
      backordered: orderedUnits - allocatedUnits,
      imbalance,
      negativeStock,
      overAllocatedLines,
    },
  };
}
