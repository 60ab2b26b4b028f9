import { ChoiceList, IndexFilters, SkeletonBodyText, Text, useSetIndexFiltersMode } from '@shopify/polaris';
import { useEffect, useRef, useState } from 'react';
import type { Resource } from '../../api/api-context.js';
import type { SuppliersResponse } from '../../api/stock-types.js';
import type { Warehouse } from '../../api/types.js';
import { STOCK_STATUSES } from '../../components/stock-labels.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';
import { stockUrl, type StockFilters } from './stock-filters.js';

const VIEWS: StockFilters['status'][] = ['', ...STOCK_STATUSES];

/** Status tabs, search, and the class, warehouse and supplier filters of the stock list; every change lands in the URL. */
export function StockFilterBar({
  filters,
  warehouses,
  suppliers,
  loading,
}: {
  filters: StockFilters;
  warehouses: Warehouse[];
  suppliers: Resource<SuppliersResponse>;
  loading: boolean;
}) {
  const navigate = useNavigate();
  const { t, format } = useI18n();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [query, setQuery] = useState(filters.q);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => setQuery(filters.q), [filters.q]);
  useEffect(() => {
    if (query === latest.current.q) return;
    // the URL follows the search box once the merchant pauses typing
    const timer = setTimeout(() => navigate(stockUrl({ ...latest.current, q: query }), { replace: true }), 350);
    return () => clearTimeout(timer);
  }, [query]);

  const go = (patch: Partial<StockFilters>) => navigate(stockUrl({ ...filters, ...patch }), { replace: true });
  const warehouseName = (id: string) => warehouses.find((w) => String(w.id) === id)?.name ?? id;
  const applied = [
    ...(filters.abc
      ? [{ key: 'abc', label: `${t('stock.filter.abc')}: ${filters.abc}`, onRemove: () => go({ abc: '' }) }]
      : []),
    ...(filters.warehouse
      ? [
          {
            key: 'warehouse',
            label: `${t('stock.filter.warehouse')}: ${warehouseName(filters.warehouse)}`,
            onRemove: () => go({ warehouse: '' }),
          },
        ]
      : []),
    ...(filters.supplier
      ? [
          {
            key: 'supplier',
            label: `${t('stock.filter.supplier')}: ${filters.supplier}`,
            onRemove: () => go({ supplier: '' }),
          },
        ]
      : []),
  ];
  const tabs = VIEWS.map((v) => ({
    id: `stock-view-${v || 'all'}`,
    content: t(v ? (`stockStatus.${v}` as MessageKey) : 'stock.view.all'),
    onAction: () => go({ status: v }),
  }));
  const known = suppliers.data?.items ?? [];
  // a supplier named in the URL but on no SKU any more stays choosable, so its filter can be seen and removed
  const supplierChoices = [
    ...known.map((s) => ({
      label: s.supplier,
      value: s.supplier,
      helpText: t('stock.filter.supplierSkus', { count: s.skus, n: format.number(s.skus) }),
    })),
    ...(filters.supplier && !known.some((s) => s.supplier === filters.supplier)
      ? [{ label: filters.supplier, value: filters.supplier }]
      : []),
  ];
  const supplierFilter = !suppliers.data ? (
    suppliers.error ? (
      <Text as="p" tone="critical">
        {suppliers.error.message}
      </Text>
    ) : (
      <SkeletonBodyText lines={3} />
    )
  ) : supplierChoices.length ? (
    <ChoiceList
      title={t('stock.filter.supplier')}
      titleHidden
      choices={supplierChoices}
      selected={filters.supplier ? [filters.supplier] : []}
      onChange={(v) => go({ supplier: v[0] ?? '' })}
    />
  ) : (
    <Text as="p" tone="subdued">
      {t('stock.filter.noSuppliers')}
    </Text>
  );

  return (
    <IndexFilters
      tabs={tabs}
      selected={VIEWS.indexOf(filters.status)}
      onSelect={() => {}}
      canCreateNewView={false}
      queryValue={query}
      queryPlaceholder={t('stock.searchPlaceholder')}
      onQueryChange={setQuery}
      onQueryClear={() => {
        setQuery('');
        go({ q: '' });
      }}
      filters={[
        {
          key: 'abc',
          label: t('stock.filter.abc'),
          shortcut: true,
          pinned: true,
          filter: (
            <ChoiceList
              title={t('stock.filter.abc')}
              titleHidden
              choices={(['A', 'B', 'C'] as const).map((c) => ({
                label: t('abc.badge', { abc: c }),
                value: c,
                helpText: t(`abc.help.${c}`),
              }))}
              selected={filters.abc ? [filters.abc] : []}
              onChange={(v) => go({ abc: (v[0] ?? '') as StockFilters['abc'] })}
            />
          ),
        },
        {
          key: 'warehouse',
          label: t('stock.filter.warehouse'),
          shortcut: true,
          pinned: true,
          filter: (
            <ChoiceList
              title={t('stock.filter.warehouse')}
              titleHidden
              choices={warehouses.map((w) => ({ label: w.name, value: String(w.id) }))}
              selected={filters.warehouse ? [filters.warehouse] : []}
              onChange={(v) => go({ warehouse: v[0] ?? '' })}
            />
          ),
        },
        {
          key: 'supplier',
          label: t('stock.filter.supplier'),
          shortcut: true,
          pinned: true,
          filter: supplierFilter,
        },
      ]}
      appliedFilters={applied}
      onClearAll={() => go({ abc: '', warehouse: '', supplier: '' })}
      mode={mode}
      setMode={setMode}
      loading={loading}
    />
  );
}
