import type { StockStatus } from '../../api/stock-types.js';
import { STOCK_STATUSES } from '../../components/stock-labels.js';
import { withQuery } from '../../router/router.js';

/** SKUs per page of the list. */
export const STOCK_PAGE_SIZE = 50;

/** The stock list's filters, as they live in the URL. */
export interface StockFilters {
  q: string;
  abc: '' | 'A' | 'B' | 'C';
  status: '' | StockStatus;
  warehouse: string;
  supplier: string;
}

/** No filter at all. */
export const NO_FILTERS: StockFilters = { q: '', abc: '', status: '', warehouse: '', supplier: '' };

/** Reads the filters from `?abc=A&status=overstock…`, ignoring what it does not know. */
export function readStockFilters(query: URLSearchParams): StockFilters {
  const abc = query.get('abc');
  const status = query.get('status');
  return {
    q: query.get('q') ?? '',
    abc: abc === 'A' || abc === 'B' || abc === 'C' ? abc : '',
    status: STOCK_STATUSES.find((s) => s === status) ?? '',
    warehouse: /^\d+$/.test(query.get('warehouse') ?? '') ? query.get('warehouse')! : '',
    supplier: query.get('supplier') ?? '',
  };
}

const params = (f: StockFilters) => ({
  q: f.q.trim(),
  abc: f.abc,
  status: f.status,
  warehouse: f.warehouse,
  supplier: f.supplier,
});

/** The list page's URL for some filters (and a keyset position). */
export const stockUrl = (f: StockFilters, after?: number | string | null) =>
  withQuery('/stock', { ...params(f), q: f.q, after });
/** The API path behind the list. */
export const stockApiPath = (f: StockFilters, after: string | null, limit: number) =>
  withQuery('/stock', { ...params(f), after, limit });
/** The CSV export of everything the filters match. */
export const stockCsvPath = (f: StockFilters) => withQuery('/stock.csv', params(f));
/** True when any filter narrows the list. */
export const isStockFiltered = (f: StockFilters) => !!(f.q.trim() || f.abc || f.status || f.warehouse || f.supplier);

/** The periods the demand chart offers, in days. */
export const CHART_PERIODS = [30, 90, 180, 365];
/** The chart's period from `?days=`, 90 by default. */
export const readChartDays = (query: URLSearchParams) =>
  CHART_PERIODS.find((d) => String(d) === query.get('days')) ?? 90;
/** The API path of a SKU page. */
export const skuApiPath = (id: string, days: number) => `/skus/${encodeURIComponent(id)}?days=${days}`;
