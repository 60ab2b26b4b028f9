import {
  Badge,
  BlockStack,
  Card,
  Checkbox,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  SkeletonBodyText,
  Text,
  useIndexResourceState,
} from '@shopify/polaris';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useResource } from '../../api/api-context.js';
import type { OrderPage, OrderRow, WarehouseList } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { OrderStatusBadge } from '../../components/status-badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLocation, useNavigate } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';
import { isFiltered, ordersApiPath, ordersUrl, readFilters } from './order-filters.js';
import { OrdersFilterBar } from './orders-filter-bar.js';

const PAGE_SIZE = 50;

/** Rows of placeholders the height of real rows, so the table does not jump when they arrive. */
function SkeletonRows() {
  return (
    <BlockStack gap="0">
      <div className="skeleton-head" />
      {Array.from({ length: 10 }, (_, i) => (
        <div key={i} className="skeleton-row">
          <SkeletonBodyText lines={1} />
        </div>
      ))}
    </BlockStack>
  );
}

/** Orders, newest first, with filters in the URL, keyset pages and bulk re-routing. */
export function OrdersPage() {
  const navigate = useNavigate();
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { query } = useLocation();
  const filters = readFilters(query);
  const cursor = query.get('cursor');
  const filterKey = ordersUrl(filters);
  const res = useResource<OrderPage>(ordersApiPath(filters, cursor, PAGE_SIZE));
  const warehouses = useResource<WarehouseList>('/warehouses');
  const [rerouteOpen, setRerouteOpen] = useState(false);
  const [fresh, setFresh] = useState(false);
  usePageReady('orders', !!res.data);

  // the cursors of the pages before this one, to go back: keyset pages only know "next"
  const previous = useRef<{ key: string; stack: (string | null)[] }>({ key: filterKey, stack: [] });
  if (previous.current.key !== filterKey) previous.current = { key: filterKey, stack: [] };

  const items = useMemo(() => res.data?.items ?? [], [res.data]);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    items as unknown as { [key: string]: unknown }[],
    {
      resourceIDResolver: (o) => String((o as unknown as OrderRow).id),
    },
  );
  useEffect(() => clearSelection(), [filterKey, cursor, clearSelection]);

  const filtered = isFiltered(filters);
  const resourceName = { singular: t('orders.resourceOne'), plural: t('orders.resourceMany') };
  const empty = (
    <EmptyState
      heading={filtered ? t('orders.emptyFilteredTitle') : t('orders.emptyTitle')}
      action={filtered ? { content: t('orders.clearFilters'), url: '/orders' } : undefined}
      image="/empty.svg"
    >
      <p>{filtered ? t('orders.emptyFilteredBody') : t('orders.emptyBody')}</p>
    </EmptyState>
  );

  const rows = items.map((o, i) => (
    <IndexTable.Row
      id={String(o.id)}
      key={o.id}
      position={i}
      selected={selectedResources.includes(String(o.id))}
      onClick={() => navigate(`/orders/${o.id}`)}
    >
      <IndexTable.Cell>
        <Link url={`/orders/${o.id}`} dataPrimaryLink monochrome removeUnderline>
          <Text as="span" fontWeight="semibold">
            {o.name}
          </Text>
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>{format.dateTime(o.placedAt)}</IndexTable.Cell>
      <IndexTable.Cell>{t(`channel.${o.channel}` as 'channel.shopify')}</IndexTable.Cell>
      <IndexTable.Cell>{[o.city, o.countryCode].filter(Boolean).join(', ') || '—'}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {o.units}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {format.money(o.totalPrice, o.currency)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {o.warehouses.length ? (
          o.warehouses.join(', ')
        ) : (
          <Text as="span" tone="subdued">
            —
          </Text>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        <InlineStack gap="100" wrap={false}>
          <OrderStatusBadge status={o.status} />
          {o.late ? <Badge tone="critical">{t('orders.lateBadge')}</Badge> : null}
        </InlineStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  const ids = selectedResources.map(Number);
  return (
    <Page title={t('nav.orders')} fullWidth>
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Card padding="0">
          <OrdersFilterBar
            filters={filters}
            warehouses={warehouses.data?.items ?? []}
            loading={res.loading && !!res.data}
          />
          {res.data ? (
            <IndexTable
              resourceName={resourceName}
              itemCount={items.length}
              selectedItemsCount={allResourcesSelected ? 'All' : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              loading={res.loading}
              emptyState={empty}
              promotedBulkActions={[{ content: t('orders.reroute'), onAction: () => setRerouteOpen(true) }]}
              headings={[
                { title: t('orders.col.order') },
                { title: t('orders.col.date') },
                { title: t('orders.col.channel') },
                { title: t('orders.col.destination') },
                { title: t('orders.col.units'), alignment: 'end' },
                { title: t('orders.col.total'), alignment: 'end' },
                { title: t('orders.col.warehouses') },
                { title: t('orders.col.status') },
              ]}
              pagination={{
                hasPrevious: !!cursor,
                hasNext: !!res.data.nextCursor,
                onPrevious: () => navigate(ordersUrl(filters, previous.current.stack.pop() ?? null)),
                onNext: () => {
                  previous.current.stack.push(cursor);
                  navigate(ordersUrl(filters, res.data?.nextCursor));
                },
              }}
            >
              {rows}
            </IndexTable>
          ) : res.error ? null : (
            <SkeletonRows />
          )}
        </Card>
      </BlockStack>
      <ConfirmModal
        open={rerouteOpen}
        title={t('orders.rerouteTitle', { count: ids.length })}
        confirmLabel={t('orders.reroute')}
        onClose={() => setRerouteOpen(false)}
        onConfirm={async () => {
          const r = await api.post<{ queued: number }>('/orders/reroute', { orderIds: ids, fresh });
          toast.show(t('orders.rerouteDone', { count: r.queued }));
          clearSelection();
          res.reload();
        }}
      >
        <Text as="p">{t('orders.rerouteBody')}</Text>
        <Checkbox
          label={t('orders.rerouteFresh')}
          helpText={t('orders.rerouteFreshHelp')}
          checked={fresh}
          onChange={setFresh}
        />
      </ConfirmModal>
    </Page>
  );
}
