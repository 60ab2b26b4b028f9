import {
  Badge,
  BlockStack,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Text,
  type IndexTableProps,
} from '@shopify/polaris';
import type { SellingChannel, StockItem } from '../../api/stock-types.js';
import type { Warehouse } from '../../api/types.js';
import { AbcBadge, AlertKindBadge } from '../../components/stock-badges.js';
import { ALERT_KINDS } from '../../components/stock-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';

/** Units every warehouse can still promise: on hand minus reserved, summed. */
export const availableTotal = (s: StockItem) => s.levels.reduce((n, [, onHand, reserved]) => n + onHand - reserved, 0);

function StatusCell({ s }: { s: StockItem }) {
  const { t } = useI18n();
  const kinds = ALERT_KINDS.filter((k) => s.alerts.includes(k));
  const out = availableTotal(s) <= 0 && !kinds.includes('out_of_stock_with_backorders');
  if (!kinds.length && !out)
    return (
      <Text as="span" tone="subdued">
        {t('stock.healthy')}
      </Text>
    );
  return (
    <InlineStack gap="100">
      {out ? <Badge tone="critical">{t('stockStatus.out_of_stock')}</Badge> : null}
      {kinds.map((k) => (
        <AlertKindBadge key={k} kind={k} />
      ))}
    </InlineStack>
  );
}

function CoverCell({ s }: { s: StockItem }) {
  const { t, format } = useI18n();
  if (s.daysOfCover === null)
    return (
      <Text as="span" tone="subdued">
        {s.meanDaily === null ? t('stock.notComputed') : t('stock.noSales')}
      </Text>
    );
  // past a year the exact count says nothing a merchant acts on; the overstock badge says the rest
  if (s.daysOfCover > 365)
    return (
      <Text as="span" tone="subdued">
        {t('stock.overAYear')}
      </Text>
    );
  return (
    <BlockStack gap="0">
      <Text as="span" numeric>
        {format.days(Math.floor(s.daysOfCover))}
      </Text>
      {s.projectedStockout ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {t('stock.until', { date: format.calendarDate(s.projectedStockout) })}
        </Text>
      ) : null}
    </BlockStack>
  );
}

/**
 * One row per SKU: its class, each warehouse's levels, what can be sold in all and on each
 * channel after its buffer, how long it lasts and what is wrong.
 */
export function StockTable({
  items,
  warehouses,
  channels,
  loading,
  filtered,
  pagination,
}: {
  items: StockItem[];
  warehouses: Warehouse[];
  channels: SellingChannel[];
  loading: boolean;
  filtered: boolean;
  pagination: IndexTableProps['pagination'];
}) {
  const navigate = useNavigate();
  const { t, format } = useI18n();
  const empty = (
    <EmptyState
      heading={filtered ? t('stock.emptyFilteredTitle') : t('stock.emptyTitle')}
      action={
        filtered
          ? { content: t('stock.clearFilters'), url: '/stock' }
          : { content: t('nav.warehouses'), url: '/warehouses' }
      }
      image="/empty.svg"
    >
      <p>{filtered ? t('stock.emptyFilteredBody') : t('stock.emptyBody')}</p>
    </EmptyState>
  );
  const headings = [
    { title: t('stock.col.product') },
    { title: t('stock.col.abc') },
    ...warehouses.map((w) => ({
      title: w.name,
      alignment: 'end' as const,
      tooltipContent: t('stock.col.warehouseHelp'),
    })),
    { title: t('stock.col.sellable'), alignment: 'end' as const, tooltipContent: t('stock.col.sellableHelp') },
    ...channels.map((c) => ({
      // a marketplace account may share a warehouse's name: the id keeps the keys apart
      id: `stock-channel-${c.channel}`,
      title: c.name,
      alignment: 'end' as const,
      tooltipContent: t(c.kind === 'shopify' ? 'stock.col.shopifyHelp' : 'stock.col.channelHelp', { name: c.name }),
    })),
    { title: t('stock.col.cover'), tooltipContent: t('stock.col.coverHelp') },
    { title: t('stock.col.rop'), alignment: 'end' as const, tooltipContent: t('stock.col.ropHelp') },
    { title: t('stock.col.status') },
  ] as IndexTableProps['headings'];

  return (
    <IndexTable
      resourceName={{ singular: t('stock.one'), plural: t('stock.many') }}
      itemCount={items.length}
      selectable={false}
      loading={loading}
      emptyState={empty}
      headings={headings}
      pagination={pagination}
    >
      {items.map((s, i) => {
        const sellable = availableTotal(s);
        return (
          <IndexTable.Row id={String(s.id)} key={s.id} position={i} onClick={() => navigate(`/stock/${s.id}`)}>
            <IndexTable.Cell>
              <BlockStack gap="0">
                <Link url={`/stock/${s.id}`} dataPrimaryLink monochrome removeUnderline>
                  <Text as="span" fontWeight="semibold">
                    {s.sku}
                  </Text>
                </Link>
                <Text as="span" variant="bodySm" tone="subdued" truncate>
                  {s.title}
                </Text>
              </BlockStack>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <AbcBadge abc={s.abcClass} />
            </IndexTable.Cell>
            {warehouses.map((w) => {
              const l = s.levels.find(([warehouseId]) => warehouseId === w.id);
              return (
                <IndexTable.Cell key={w.id}>
                  {l ? (
                    <BlockStack gap="0" inlineAlign="end">
                      <Text as="span" numeric tone={l[1] - l[2] <= 0 ? 'critical' : undefined}>
                        {format.number(l[1] - l[2])}
                      </Text>
                      <Text as="span" variant="bodySm" tone="subdued" numeric>
                        {t('stock.levelDetail', {
                          onHand: format.number(l[1]),
                          reserved: format.number(l[2]),
                        })}
                      </Text>
                    </BlockStack>
                  ) : (
                    <Text as="span" alignment="end" tone="subdued">
                      —
                    </Text>
                  )}
                </IndexTable.Cell>
              );
            })}
            <IndexTable.Cell>
              <Text
                as="span"
                alignment="end"
                numeric
                fontWeight="semibold"
                tone={sellable <= 0 ? 'critical' : undefined}
              >
                {format.number(sellable)}
              </Text>
            </IndexTable.Cell>
            {channels.map((c, j) => {
              const n = s.channels[j] ?? 0;
              return (
                <IndexTable.Cell key={c.channel} className={j === 0 ? 'stock-channels-start' : undefined}>
                  <Text as="span" alignment="end" numeric tone={n <= 0 ? 'critical' : undefined}>
                    {format.number(n)}
                  </Text>
                </IndexTable.Cell>
              );
            })}
            <IndexTable.Cell>
              <CoverCell s={s} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {s.reorderPoint === null ? '—' : format.number(s.reorderPoint, 1)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <StatusCell s={s} />
            </IndexTable.Cell>
          </IndexTable.Row>
        );
      })}
    </IndexTable>
  );
}
