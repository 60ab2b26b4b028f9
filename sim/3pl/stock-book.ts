import type { Prng } from '../shopify/core/prng.js';
import type { SnapshotDrift } from './options.js';

/** Units of one SKU. */
export interface BookLine {
  sku: string;
  quantity: number;
}

/** Why the book cannot take an allocation. */
export type BookShortage =
  { reason: 'invalid_sku'; sku: string } | { reason: 'out_of_stock'; sku: string; wanted: number; available: number };

/** The book per SKU: on the shelves, promised to acknowledged allocations, and shipped so far. */
export interface BookEntry {
  /** Always 0 in `track` mode, where the robot keeps no count. */
  onHand: number;
  committed: number;
  shipped: number;
}

/**
 * The warehouse's own stock book. It only moves on what the robot does: a commitment when it
 * accepts an allocation, a decrement when a parcel leaves. In `track` mode it holds no count and
 * refuses nothing.
 */
export function createStockBook(initial: Record<string, number> | 'track') {
  const tracking = initial === 'track';
  const entries = new Map<string, BookEntry>();
  if (initial !== 'track')
    for (const [sku, n] of Object.entries(initial))
      entries.set(sku, { onHand: Math.max(0, Math.floor(n)), committed: 0, shipped: 0 });
  const entry = (sku: string): BookEntry => {
    let e = entries.get(sku);
    if (!e) entries.set(sku, (e = { onHand: 0, committed: 0, shipped: 0 }));
    return e;
  };
  const totals = (lines: readonly BookLine[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity);
    return m;
  };

  return {
    tracking,

    /** Reserves the units if the shelves hold them; otherwise says what is missing and changes nothing. */
    commit(lines: readonly BookLine[]): { ok: true } | { ok: false; shortage: BookShortage } {
      if (!tracking) {
        for (const [sku, q] of totals(lines)) {
          const e = entries.get(sku);
          if (!e) return { ok: false, shortage: { reason: 'invalid_sku', sku } };
          if (e.onHand - e.committed < q)
            return {
              ok: false,
              shortage: { reason: 'out_of_stock', sku, wanted: q, available: e.onHand - e.committed },
            };
        }
      }
      for (const [sku, q] of totals(lines)) entry(sku).committed += q;
      return { ok: true };
    },

    /** Gives back a commitment that will not ship (cancelled, or lost to another poller). */
    release(lines: readonly BookLine[]): void {
      for (const [sku, q] of totals(lines)) {
        const e = entry(sku);
        e.committed = Math.max(0, e.committed - q);
      }
    },

    /** A parcel left: the units leave the shelves and their commitment. */
    ship(lines: readonly BookLine[]): void {
      for (const [sku, q] of totals(lines)) {
        const e = entry(sku);
        e.committed = Math.max(0, e.committed - q);
        e.shipped += q;
        if (!tracking) e.onHand = Math.max(0, e.onHand - q);
      }
    },

    /** The count to report, with counting errors when `drift` is set; empty in `track` mode. */
    count(random: Prng, drift: SnapshotDrift | null): BookLine[] {
      if (tracking) return [];
      return [...entries]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([sku, e]) => {
          let q = e.onHand;
          if (drift && drift.maxUnits > 0 && random.chance(drift.rate))
            q += (random.chance(0.5) ? 1 : -1) * random.int(1, drift.maxUnits);
          return { sku, quantity: Math.max(0, q) };
        });
    },

    /** A copy of the book, by SKU. */
    entries(): Record<string, BookEntry> {
      return Object.fromEntries([...entries].map(([sku, e]) => [sku, { ...e }]));
    },
  };
}

/** A stock book; see {@link createStockBook}. */
export type StockBook = ReturnType<typeof createStockBook>;
