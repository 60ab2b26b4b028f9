import { BlockStack, ChoiceList, IndexFilters, TextField, useSetIndexFiltersMode } from '@shopify/polaris';
import { useEffect, useRef, useState } from 'react';
import type { Warehouse } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';
import { CHANNELS, ORDER_STATUSES, VIEWS, ordersUrl, viewIndex, type OrderFilters } from './order-filters.js';

/** Tabs, search and filters of the orders list; every change lands in the URL. */
export function OrdersFilterBar({
  filters,
  warehouses,
  loading,
}: {
  filters: OrderFilters;
  warehouses: Warehouse[];
  loading: boolean;
}) {
  const navigate = useNavigate();
  const { t } = useI18n();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [query, setQuery] = useState(filters.q);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => setQuery(filters.q), [filters.q]);
  useEffect(() => {
    if (query === latest.current.q) return;
    // typing is not navigation: the URL follows the search box once the merchant pauses
    const timer = setTimeout(() => navigate(ordersUrl({ ...latest.current, q: query }), { replace: true }), 350);
    return () => clearTimeout(timer);
  }, [query]);

  const go = (patch: Partial<OrderFilters>) => navigate(ordersUrl({ ...filters, ...patch }), { replace: true });
  const statusLabel = (s: string) => t(`orderStatus.${s}` as 'orderStatus.pending');
  const warehouseName = (id: string) => warehouses.find((w) => String(w.id) === id)?.name ?? id;

  const applied = [
    ...(filters.status.length
      ? [
          {
            key: 'status',
            label: `${t('orders.filter.status')}: ${filters.status.map(statusLabel).join(', ')}`,
            onRemove: () => go({ status: [] }),
          },
        ]
      : []),
    ...(filters.channel
      ? [
          {
            key: 'channel',
            label: `${t('orders.filter.channel')}: ${t(`channel.${filters.channel}` as 'channel.shopify')}`,
            onRemove: () => go({ channel: '' }),
          },
        ]
      : []),
    ...(filters.warehouse
      ? [
          {
            key: 'warehouse',
            label: `${t('orders.filter.warehouse')}: ${warehouseName(filters.warehouse)}`,
            onRemove: () => go({ warehouse: '' }),
          },
        ]
      : []),
    ...(filters.from || filters.to
      ? [
          {
            key: 'dates',
            label: `${t('orders.filter.placed')}: ${filters.from || '…'} – ${filters.to || '…'}`,
            onRemove: () => go({ from: '', to: '' }),
          },
        ]
      : []),
    ...(filters.late ? [{ key: 'late', label: t('orders.filter.lateOnly'), onRemove: () => go({ late: false }) }] : []),
  ];

  const tabs = VIEWS.map((v, i) => ({
    id: `view-${v.id}`,
    content: t(`orders.view.${v.id}` as 'orders.view.all'),
    onAction: () =>
      navigate(
        ordersUrl({
          ...filters,
          status: VIEWS[i]!.status,
          late: VIEWS[i]!.late,
          channel: '',
          warehouse: '',
          from: '',
          to: '',
        }),
        { replace: true },
      ),
  }));

  return (
    <IndexFilters
      tabs={tabs}
      selected={viewIndex(filters)}
      onSelect={() => {}}
      canCreateNewView={false}
      queryValue={query}
      queryPlaceholder={t('orders.searchPlaceholder')}
      onQueryChange={setQuery}
      onQueryClear={() => {
        setQuery('');
        go({ q: '' });
      }}
      filters={[
        {
          key: 'status',
          label: t('orders.filter.status'),
          shortcut: true,
          pinned: true,
          filter: (
            <ChoiceList
              title={t('orders.filter.status')}
              titleHidden
              allowMultiple
              choices={ORDER_STATUSES.map((s) => ({ label: statusLabel(s), value: s }))}
              selected={filters.status}
              onChange={(v) => go({ status: v as OrderFilters['status'] })}
            />
          ),
        },
        {
          key: 'warehouse',
          label: t('orders.filter.warehouse'),
          shortcut: true,
          pinned: true,
          filter: (
            <ChoiceList
              title={t('orders.filter.warehouse')}
              titleHidden
              choices={warehouses.map((w) => ({ label: w.name, value: String(w.id) }))}
              selected={filters.warehouse ? [filters.warehouse] : []}
              onChange={(v) => go({ warehouse: v[0] ?? '' })}
            />
          ),
        },
        {
          key: 'late',
          label: t('orders.filter.late'),
          shortcut: true,
          pinned: true,
          filter: (
            <ChoiceList
              title={t('orders.filter.late')}
              titleHidden
              allowMultiple
              choices={[{ label: t('orders.filter.lateOnly'), value: 'true' }]}
              selected={filters.late ? ['true'] : []}
              onChange={(v) => go({ late: v.includes('true') })}
            />
          ),
        },
        {
          key: 'channel',
          label: t('orders.filter.channel'),
          filter: (
            <ChoiceList
              title={t('orders.filter.channel')}
              titleHidden
              choices={CHANNELS.map((c) => ({ label: t(`channel.${c}` as 'channel.shopify'), value: c }))}
              selected={filters.channel ? [filters.channel] : []}
              onChange={(v) => go({ channel: v[0] ?? '' })}
            />
          ),
        },
        {
          key: 'dates',
          label: t('orders.filter.placed'),
          filter: (
            <BlockStack gap="200">
              <TextField
                label={t('orders.filter.from')}
                type="date"
                autoComplete="off"
                value={filters.from}
                max={filters.to || undefined}
                onChange={(v) => go({ from: v })}
              />
              <TextField
                label={t('orders.filter.to')}
                type="date"
                autoComplete="off"
                value={filters.to}
                min={filters.from || undefined}
                onChange={(v) => go({ to: v })}
              />
            </BlockStack>
          ),
        },
      ]}
      appliedFilters={applied}
      onClearAll={() =>
        navigate(ordersUrl({ status: [], channel: '', warehouse: '', from: '', to: '', late: false, q: filters.q }), {
          replace: true,
        })
      }
      mode={mode}
      setMode={setMode}
      loading={loading}
    />
  );
}
