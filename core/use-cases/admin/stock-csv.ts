import type { DbOrTx } from '../../db/client.js';
import { createStockQueries, type StockFilters } from '../../db/stock-queries.js';

const header = [
  'sku',
  'title',
  'supplier',
  'warehouse',
  'on_hand',
  'reserved',
  'available',
  'abc',
  'mean_daily',
  'days_of_cover',
  'reorder_point',
  'safety_stock',
  'eoq',
  'suggested_order',
];
const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(Math.round(n * 100) / 100));

/** The Stock list as CSV rows: one row per SKU and warehouse (one for a SKU held nowhere), every page of the filter. */
export async function stockCsvRows(
  deps: { db: DbOrTx },
  input: { shopId: number; filters: StockFilters },
): Promise<string[][]> {
  const rows: string[][] = [header];
  const queries = createStockQueries(deps.db);
  let after: number | undefined;
  do {
    const page = await queries.list(input.shopId, input.filters, { after, limit: 500 });
    for (const s of page.items) {
      for (const l of s.levels.length ? s.levels : [null]) {
        rows.push([
          s.sku,
          s.title,
          s.supplier ?? '',
          l?.warehouse ?? '',
          String(l?.onHand ?? 0),
          String(l?.reserved ?? 0),
          String(l?.available ?? 0),
          s.abcClass ?? '',
          fmt(s.meanDaily),
          fmt(s.daysOfCover),
          fmt(s.reorderPoint),
          fmt(s.safetyStock),
          String(s.eoq ?? ''),
          String(s.suggestedOrderQuantity),
        ]);
      }
    }
    after = page.nextAfter ?? undefined;
  } while (after);
  return rows;
}
