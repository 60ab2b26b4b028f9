import { Route, Routes as RouterRoutes, useParams } from 'react-router';
import { AlertsPage } from './pages/alerts/alerts-page.js';
import { ChannelsPage } from './pages/channels/channels-page.js';
import { DeadLettersPage } from './pages/dead-letters/dead-letters-page.js';
import { EmailsPage } from './pages/emails/emails-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrderPage } from './pages/orders/order-page.js';
import { OrdersPage } from './pages/orders/orders-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { PurchaseOrdersPage } from './pages/purchase-orders/purchase-orders-page.js';
import { ReplenishmentSettingsPage } from './pages/replenishment/replenishment-settings-page.js';
import { ReturnPage } from './pages/returns/return-page.js';
import { ReturnsAnalyticsPage } from './pages/returns/returns-analytics-page.js';
import { ReturnsPolicyPage } from './pages/returns/returns-policy-page.js';
import { ReturnsPage } from './pages/returns/returns-page.js';
import { RulesPage } from './pages/rules/rules-page.js';
import { SettingsPage } from './pages/settings/settings-page.js';
import { SkuPage } from './pages/stock/sku-page.js';
import { StockPage } from './pages/stock/stock-page.js';
import { WarehousePage } from './pages/warehouses/warehouse-page.js';
import { WarehousesPage } from './pages/warehouses/warehouses-page.js';

// a page with an id remounts when the id changes, so it never shows the previous one's state
function OrderRoute() {
  const { id = '' } = useParams();
  return <OrderPage key={id} id={id} />;
}
function SkuRoute() {
  const { id = '' } = useParams();
  return <SkuPage key={id} id={id} />;
}
function WarehouseRoute() {
  const { id = '' } = useParams();
  return <WarehousePage key={id} id={id} />;
}
function ReturnRoute() {
  const { id = '' } = useParams();
  return <ReturnPage key={id} id={id} />;
}

/** The page for the current URL. */
export function Routes() {
  return (
    <RouterRoutes>
      <Route path="/" element={<OverviewPage />} />
      <Route path="/orders" element={<OrdersPage />} />
      <Route path="/orders/:id" element={<OrderRoute />} />
      <Route path="/returns" element={<ReturnsPage />} />
      <Route path="/returns/analytics" element={<ReturnsAnalyticsPage />} />
      <Route path="/returns/policy" element={<ReturnsPolicyPage />} />
      <Route path="/returns/:id" element={<ReturnRoute />} />
      <Route path="/stock" element={<StockPage />} />
      <Route path="/stock/:id" element={<SkuRoute />} />
      <Route path="/alerts" element={<AlertsPage />} />
      <Route path="/purchase-orders" element={<PurchaseOrdersPage />} />
      <Route path="/warehouses" element={<WarehousesPage />} />
      <Route path="/warehouses/:id" element={<WarehouseRoute />} />
      <Route path="/rules" element={<RulesPage />} />
      <Route path="/channels" element={<ChannelsPage />} />
      <Route path="/dead-letters" element={<DeadLettersPage />} />
      <Route path="/emails" element={<EmailsPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="/settings/replenishment" element={<ReplenishmentSettingsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </RouterRoutes>
  );
}
