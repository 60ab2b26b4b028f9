import type { OrderStatus } from '../../api/types.js';
import { withQuery } from '../../router/router.js';

/** Every order status, in the order a merchant thinks of them. */
export const ORDER_STATUSES: OrderStatus[] = [
  'pending',
  'routed',
  'dispatched',
  'backordered',
  'on_hold',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
  'fulfilled_elsewhere',
];
/** The sales channels orders come from. */
export const CHANNELS = ['shopify', 'amazon', 'ebay', 'mirakl'];

/** The orders list's filters, as they live in the URL. */
export interface OrderFilters {
  status: OrderStatus[];
  channel: string;
  warehouse: string;
  from: string;
  to: string;
  late: boolean;
  q: string;
}

/** Reads the filters from `?status=…&late=true…`, ignoring what it does not know. */
export function readFilters(query: URLSearchParams): OrderFilters {
  const status = (query.get('status') ?? '')
    .split(',')
    .filter((s): s is OrderStatus => (ORDER_STATUSES as string[]).includes(s));
  const ymd = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return {
    status,
    channel: query.get('channel') ?? '',
    warehouse: /^\d+$/.test(query.get('warehouse') ?? '') ? query.get('warehouse')! : '',
    from: ymd(query.get('from')),
    to: ymd(query.get('to')),
    late: query.get('late') === 'true',
    q: query.get('q') ?? '',
  };
}

/** The list page's URL for some filters (and a page cursor). */
export function ordersUrl(f: OrderFilters, cursor?: string | null): string {
  return withQuery('/orders', {
    status: f.status,
    channel: f.channel,
    warehouse: f.warehouse,
    from: f.from,
    to: f.to,
    late: f.late,
    q: f.q,
    cursor,
  });
}

/** The API path behind the list for some filters. */
export function ordersApiPath(f: OrderFilters, cursor: string | null, limit: number): string {
  return withQuery('/orders', {
    status: f.status,
    channel: f.channel,
    warehouse: f.warehouse,
    from: f.from,
    to: f.to,
    late: f.late,
    q: f.q.trim(),
    cursor,
    limit,
  });
}

/** True when any filter narrows the list. */
export const isFiltered = (f: OrderFilters) =>
  f.status.length > 0 || !!f.channel || !!f.warehouse || !!f.from || !!f.to || f.late || !!f.q.trim();

/** The saved views shown as tabs, each a set of filters. */
export const VIEWS: { id: string; status: OrderStatus[]; late: boolean }[] = [
  { id: 'all', status: [], late: false },
  { id: 'pending', status: ['pending'], late: false },
  { id: 'on_hold', status: ['on_hold'], late: false },
  { id: 'backordered', status: ['backordered'], late: false },
  { id: 'late', status: [], late: true },
];

/** The tab matching the filters, or -1 when they match none. */
export function viewIndex(f: OrderFilters): number {
  const rest = !f.channel && !f.warehouse && !f.from && !f.to;
  if (!rest) return -1;
  return VIEWS.findIndex((v) => v.late === f.late && v.status.join() === f.status.join());
}
