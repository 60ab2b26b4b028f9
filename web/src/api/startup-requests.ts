import { alertsApiPath, readAlertStatus } from '../pages/alerts/alert-paths.js';
import { ordersApiPath, readFilters } from '../pages/orders/order-filters.js';
import {
  STOCK_PAGE_SIZE,
  readChartDays,
  readStockFilters,
  skuApiPath,
  stockApiPath,
} from '../pages/stock/stock-filters.js';
import { matchPath as match } from 'react-router';

/**
 * What the page at `path` will ask for first, so it can be requested alongside the shop instead
 * of after it. A path missing here only loses that head start.
 */
const matchPath = (pattern: string, path: string) => match(pattern, path)?.params ?? null;

export function startupRequests(path: string, search: string): string[] {
  const query = new URLSearchParams(search);
  if (path === '/') return ['/overview'];
  if (path === '/orders') return [ordersApiPath(readFilters(query), query.get('cursor'), 50), '/warehouses'];
  const order = matchPath('/orders/:id', path);
  if (order) return [`/orders/${encodeURIComponent(order.id!)}`];
  if (path === '/warehouses') return ['/warehouses'];
  const warehouse = matchPath('/warehouses/:id', path);
  if (warehouse)
    return warehouse.id === 'new'
      ? ['/locations']
      : [
          `/warehouses/${encodeURIComponent(warehouse.id!)}`,
          '/locations',
          `/warehouses/${encodeURIComponent(warehouse.id!)}/keys`,
        ];
  if (path === '/rules') return ['/routing-rules', '/warehouses'];
  if (path === '/dead-letters') return ['/dead-letters', '/dispatch-failures', '/tracking-push-failures'];
  if (path === '/stock')
    return [
      stockApiPath(readStockFilters(query), query.get('after'), STOCK_PAGE_SIZE),
      '/warehouses',
      '/stock/accuracy',
      '/suppliers',
    ];
  const sku = matchPath('/stock/:id', path);
  if (sku) return [skuApiPath(sku.id!, readChartDays(query)), '/stock-settings'];
  if (path === '/alerts') return [alertsApiPath(readAlertStatus(query))];
  if (path === '/purchase-orders') return ['/purchase-orders', '/stock-settings'];
  if (path === '/settings/replenishment') return ['/stock-settings', '/channels', '/channel-accounts'];
  return [];
}
