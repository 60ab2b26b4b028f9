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

/** SKUs read per batch: one batch of rows in memory at a time, however large the shop. */
export const STOCK_CSV_BATCH = 500;

/**
 * The Stock list as CSV rows, batch by batch: one row per SKU and warehouse (one for a SKU held
 * nowhere), every page of the filter, the header first. A batch is read when the consumer asks for
 * it, so a slow download holds one batch in memory, not the whole set.
 */
export async function* stockCsvBatches(
  deps: { db: DbOrTx },
  input: { shopId: number; filters: StockFilters; batch?: number },
): AsyncGenerator<string[][]> {
  yield [header];
  const queries = createStockQueries(deps.db);
  let after: number | undefined;
  do {
    const rows: string[][] = [];
    const page = await queries.list(input.shopId, input.filters, { after, limit: input.batch ?? STOCK_CSV_BATCH });
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
    if (rows.length) yield rows;
    after = page.nextAfter ?? undefined;
  } while (after);
}
