import type { ReactElement } from 'react';
import { AlertsPage } from './pages/alerts/alerts-page.js';
import { DeadLettersPage } from './pages/dead-letters/dead-letters-page.js';
import { EmailsPage } from './pages/emails/emails-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrderPage } from './pages/orders/order-page.js';
import { OrdersPage } from './pages/orders/orders-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { PurchaseOrdersPage } from './pages/purchase-orders/purchase-orders-page.js';
import { ReplenishmentSettingsPage } from './pages/replenishment/replenishment-settings-page.js';
import { RulesPage } from './pages/rules/rules-page.js';
import { SettingsPage } from './pages/settings/settings-page.js';
import { SkuPage } from './pages/stock/sku-page.js';
import { StockPage } from './pages/stock/stock-page.js';
import { WarehousePage } from './pages/warehouses/warehouse-page.js';
import { WarehousesPage } from './pages/warehouses/warehouses-page.js';
import { matchPath, useLocation } from './router/router.js';

const routes: [string, (p: Record<string, string>) => ReactElement][] = [
  ['/', () => <OverviewPage />],
  ['/orders', () => <OrdersPage />],
  ['/orders/:id', (p) => <OrderPage key={p.id} id={p.id!} />],
  ['/stock', () => <StockPage />],
  ['/stock/:id', (p) => <SkuPage key={p.id} id={p.id!} />],
  ['/alerts', () => <AlertsPage />],
  ['/purchase-orders', () => <PurchaseOrdersPage />],
  ['/warehouses', () => <WarehousesPage />],
  ['/warehouses/:id', (p) => <WarehousePage key={p.id} id={p.id!} />],
  ['/rules', () => <RulesPage />],
  ['/dead-letters', () => <DeadLettersPage />],
  ['/emails', () => <EmailsPage />],
  ['/settings', () => <SettingsPage />],
  ['/settings/replenishment', () => <ReplenishmentSettingsPage />],
];

/** The page for the current URL. */
export function Routes() {
  const { path } = useLocation();
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) return render(params);
  }
  return <NotFoundPage />;
}
