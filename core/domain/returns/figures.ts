import type { Grade } from './grading.js';

export interface FigureReturnLine {
  sku: string | null;
  reason: string;
  quantity: number;
  unitPrice: number;
  /** graded units; empty until the warehouse graded the line */
  graded: { grade: Grade; quantity: number }[];
}

export interface FigureReturn {
  channel: string;
  state: string;
  requestedAt: Date;
  receivedAt: Date | null;
  refundedAt: Date | null;
  /** what the return cost the shop (label, handling) */
  cost: number;
  lines: FigureReturnLine[];
}

export interface SoldUnits {
  sku: string | null;
  channel: string;
  units: number;
}

export interface Rate {
  key: string;
  returned: number;
  sold: number;
  /** returned ÷ sold, or null when nothing sold */
  rate: number | null;
}

export interface ReturnFigures {
  returns: number;
  unitsReturned: number;
  bySku: Rate[];
  byChannel: Rate[];
  /** returned units per reason, and each reason's share of all returned units */
  byReason: { reason: string; units: number; share: number }[];
  topReasons: { reason: string; units: number; share: number }[];
  /** hours, median over refunded returns; null when none refunded */
  hoursRequestToRefund: number | null;
  hoursReceiptToRefund: number | null;
  /** restocked units ÷ graded units; null when nothing graded */
  shareRestocked: number | null;
  /** resale value of restocked units, against what the returns cost */
  valueRecovered: number;
  costOfReturns: number;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
const round2 = (x: number) => Math.round(x * 100) / 100;

function rates(returned: Map<string, number>, sold: Map<string, number>): Rate[] {
  const keys = new Set([...returned.keys(), ...sold.keys()]);
  return [...keys]
    .map((key) => {
      const r = returned.get(key) ?? 0,
        s = sold.get(key) ?? 0;
      return { key, returned: r, sold: s, rate: s > 0 ? r / s : null };
    })
    .filter((x) => x.returned > 0)
    .sort(
      (a, b) => (b.rate ?? Infinity) - (a.rate ?? Infinity) || b.returned - a.returned || a.key.localeCompare(b.key),
    );
}

const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** The returns figures over a set of returns (declined ones are not counted) and the units sold in the same period. */
export function returnFigures(all: readonly FigureReturn[], sold: readonly SoldUnits[]): ReturnFigures {
  const counted = all.filter((r) => r.state !== 'declined' && r.state !== 'requested');
  const retSku = new Map<string, number>(),
    retChannel = new Map<string, number>(),
    retReason = new Map<string, number>();
  const soldSku = new Map<string, number>(),
    soldChannel = new Map<string, number>();
  for (const s of sold) {
    add(soldSku, s.sku ?? '(no SKU)', s.units);
    add(soldChannel, s.channel, s.units);
  }
  let units = 0,
    graded = 0,
    restocked = 0,
    value = 0,
    cost = 0;
  const reqToRefund: number[] = [],
    recToRefund: number[] = [];
  for (const r of counted) {
    cost += r.cost;
    if (r.refundedAt) {
      reqToRefund.push(hours(r.requestedAt, r.refundedAt));
      if (r.receivedAt) recToRefund.push(hours(r.receivedAt, r.refundedAt));
    }
    for (const l of r.lines) {
      units += l.quantity;
      add(retSku, l.sku ?? '(no SKU)', l.quantity);
      add(retChannel, r.channel, l.quantity);
      add(retReason, l.reason, l.quantity);
      for (const g of l.graded) {
        graded += g.quantity;
        if (g.grade === 'resellable') {
          restocked += g.quantity;
          value += g.quantity * l.unitPrice;
        }
      }
    }
  }
  const byReason = [...retReason]
    .map(([reason, n]) => ({ reason, units: n, share: units > 0 ? n / units : 0 }))
    .sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason));
  const h1 = median(reqToRefund),
    h2 = median(recToRefund);
  return {
    returns: counted.length,
    unitsReturned: units,
    bySku: rates(retSku, soldSku),
    byChannel: rates(retChannel, soldChannel),
    byReason,
    topReasons: byReason.slice(0, 5),
    hoursRequestToRefund: h1 === null ? null : round2(h1),
    hoursReceiptToRefund: h2 === null ? null : round2(h2),
    shareRestocked: graded > 0 ? restocked / graded : null,
    valueRecovered: round2(value),
    costOfReturns: round2(cost),
  };
}
