import { BlockStack, Card, Page } from '@shopify/polaris';
import { ExportIcon, RefreshIcon } from '@shopify/polaris-icons';
import { useRef } from 'react';
import { useResource } from '../../api/api-context.js';
import type { AccuracyResponse, StockPage as StockPageData, SuppliersResponse } from '../../api/stock-types.js';
import type { WarehouseList } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { useDownload } from '../../components/use-download.js';
import { useRecompute } from '../../components/use-recompute.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLocation, useNavigate } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { AccuracyCard } from './accuracy-card.js';
import { StockFilterBar } from './stock-filter-bar.js';
import {
  isStockFiltered,
  readStockFilters,
  STOCK_PAGE_SIZE,
  stockApiPath,
  stockCsvPath,
  stockUrl,
} from './stock-filters.js';
import { StockTable } from './stock-table.js';

/** Every SKU with its stock per warehouse and its replenishment numbers; filters in the URL, keyset pages, CSV export. */
export function StockPage() {
  const navigate = useNavigate();
  const { t } = useI18n();
  const { query } = useLocation();
  const filters = readStockFilters(query);
  const after = query.get('after');
  const filterKey = stockUrl(filters);
  const res = useResource<StockPageData>(stockApiPath(filters, after, STOCK_PAGE_SIZE));
  const warehouses = useResource<WarehouseList>('/warehouses');
  const accuracy = useResource<AccuracyResponse>('/stock/accuracy');
  const suppliers = useResource<SuppliersResponse>('/suppliers');
  const { downloading, download } = useDownload();
  const reloadAll = () => {
    res.reload();
    accuracy.reload();
  };
  const { running, recompute } = useRecompute(reloadAll);
  const ready = !!res.data && !!warehouses.data;
  usePageReady('stock', ready);

  // keyset pages only know "next": keep the positions of the pages before this one
  const previous = useRef<{ key: string; stack: (string | null)[] }>({ key: filterKey, stack: [] });
  if (previous.current.key !== filterKey) previous.current = { key: filterKey, stack: [] };

  const whs = [...(warehouses.data?.items ?? [])].sort((a, b) => a.priority - b.priority || a.id - b.id);
  return (
    <Page
      title={t('nav.stock')}
      subtitle={t('stock.subtitle')}
      fullWidth
      secondaryActions={[
        {
          content: t('stock.export'),
          icon: ExportIcon,
          loading: downloading,
          onAction: () => void download(stockCsvPath(filters)),
        },
        { content: t('stock.recompute'), icon: RefreshIcon, loading: running, onAction: () => void recompute() },
      ]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        {warehouses.error ? <ErrorBanner error={warehouses.error} onRetry={warehouses.reload} /> : null}
        <AccuracyCard res={accuracy} columns={whs.length || 3} />
        <Card padding="0">
          <StockFilterBar
            filters={filters}
            warehouses={whs}
            suppliers={suppliers}
            loading={res.loading && !!res.data}
          />
          {ready ? (
            <StockTable
              items={res.data!.items}
              warehouses={whs}
              channels={res.data!.channels}
              loading={res.loading}
              filtered={isStockFiltered(filters)}
              pagination={{
                hasPrevious: !!after,
                hasNext: !!res.data!.nextAfter,
                onPrevious: () => navigate(stockUrl(filters, previous.current.stack.pop() ?? null)),
                onNext: () => {
                  previous.current.stack.push(after);
                  navigate(stockUrl(filters, res.data?.nextAfter));
                },
              }}
            />
          ) : res.error || warehouses.error ? null : (
            <SkeletonRows rows={12} rowHeight={49} lines={2} />
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
