import {
  BlockStack,
  Box,
  Card,
  EmptyState,
  InlineGrid,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  Text,
} from '@shopify/polaris';
import { ExportIcon } from '@shopify/polaris-icons';
import { useResource } from '../../api/api-context.js';
import type { PurchaseOrdersResponse, StockSettingsResponse } from '../../api/stock-types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { useDownload } from '../../components/use-download.js';
import { useRecompute } from '../../components/use-recompute.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { PurchaseOrderCard } from './purchase-order-card.js';

function OrderSkeleton() {
  return (
    <Card padding="0">
      <Box padding="400">
        <InlineGrid columns="1fr auto" gap="400">
          <BlockStack gap="200">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={1} />
          </BlockStack>
          <SkeletonDisplayText size="medium" />
        </InlineGrid>
      </Box>
      <SkeletonRows rows={2} rowHeight={48} headHeight={33} lines={2} />
      <div className="skeleton-head" style={{ height: 40 }} />
    </Card>
  );
}

/** What to order now, one card per supplier, with the numbers behind every line and a CSV for the supplier. */
export function PurchaseOrdersPage() {
  const { t, format } = useI18n();
  const res = useResource<PurchaseOrdersResponse>('/purchase-orders');
  const settings = useResource<StockSettingsResponse>('/stock-settings');
  const { downloading, download } = useDownload();
  const { running, recompute } = useRecompute(res.reload);
  usePageReady('purchase-orders', !!res.data);
  const orders = res.data?.orders ?? [];
  const leadTime = (supplier: string | null) => {
    const s = settings.data?.settings;
    if (!s) return null;
    return (supplier ? s.supplierLeadTimes[supplier]?.days : undefined) ?? s.defaultLeadTimeDays;
  };
  const costs = orders.map((o) => o.totalCost);
  const grand = costs.every((c) => c !== null) ? costs.reduce<number>((n, c) => n + (c ?? 0), 0) : null;

  return (
    <Page
      title={t('nav.purchaseOrders')}
      subtitle={t('po.subtitle')}
      secondaryActions={[
        {
          content: t('po.export'),
          icon: ExportIcon,
          loading: downloading,
          disabled: orders.length === 0,
          onAction: () => void download('/purchase-orders.csv'),
        },
        { content: t('stock.recompute'), loading: running, onAction: () => void recompute() },
      ]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        {!res.data ? (
          res.error ? null : (
            <>
              <Box minHeight="20px">
                <SkeletonBodyText lines={1} />
              </Box>
              <OrderSkeleton />
              <OrderSkeleton />
            </>
          )
        ) : orders.length === 0 ? (
          <Card>
            <EmptyState
              heading={t('po.emptyTitle')}
              image="/empty.svg"
              action={{ content: t('nav.stock'), url: '/stock' }}
              secondaryAction={{ content: t('po.settingsLink'), url: '/settings/replenishment' }}
            >
              <p>{t('po.emptyBody')}</p>
            </EmptyState>
          </Card>
        ) : (
          <>
            <Text as="p" tone="subdued">
              {t('po.summary', {
                count: orders.length,
                units: format.number(orders.reduce((n, o) => n + o.totalUnits, 0)),
                cost: grand === null ? '—' : format.money(grand),
              })}
            </Text>
            {orders.map((o) => (
              <PurchaseOrderCard
                key={`${o.supplier ?? ''}|${o.warehouse ?? ''}`}
                order={o}
                leadTimeDays={leadTime(o.supplier)}
              />
            ))}
          </>
        )}
      </BlockStack>
    </Page>
  );
}
