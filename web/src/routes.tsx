import type { ReactElement } from 'react';
import { DeadLettersPage } from './pages/dead-letters/dead-letters-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrderPage } from './pages/orders/order-page.js';
import { OrdersPage } from './pages/orders/orders-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { RulesPage } from './pages/rules/rules-page.js';
import { SettingsPage } from './pages/settings/settings-page.js';
import { WarehousePage } from './pages/warehouses/warehouse-page.js';
import { WarehousesPage } from './pages/warehouses/warehouses-page.js';
import { matchPath, useLocation } from './router/router.js';

const routes: [string, (p: Record<string, string>) => ReactElement][] = [
  ['/', () => <OverviewPage />],
  ['/orders', () => <OrdersPage />],
  ['/orders/:id', (p) => <OrderPage key={p.id} id={p.id!} />],
  ['/warehouses', () => <WarehousesPage />],
  ['/warehouses/:id', (p) => <WarehousePage key={p.id} id={p.id!} />],
  ['/rules', () => <RulesPage />],
  ['/dead-letters', () => <DeadLettersPage />],
  ['/settings', () => <SettingsPage />],
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
