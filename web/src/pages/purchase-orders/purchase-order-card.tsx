import { BlockStack, Box, Card, DataTable, InlineStack, Link, Text } from '@shopify/polaris';
import type { PurchaseOrder } from '../../api/stock-types.js';
import { useI18n } from '../../i18n/i18n.js';

/** One suggested order to one supplier (for one destination, when it has one): its lines, why each, and the totals. */
export function PurchaseOrderCard({ order, leadTimeDays }: { order: PurchaseOrder; leadTimeDays: number | null }) {
  const { t, format } = useI18n();
  const supplier = order.supplier ?? t('po.noSupplier');
  const rows = order.lines.map((l) => [
    <BlockStack gap="0" key="sku">
      {l.skuId !== null ? (
        <Link url={`/stock/${l.skuId}`} removeUnderline>
          <Text as="span" fontWeight="semibold">
            {l.sku}
          </Text>
        </Link>
      ) : (
        <Text as="span" fontWeight="semibold">
          {l.sku}
        </Text>
      )}
      {l.title ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {l.title}
        </Text>
      ) : null}
    </BlockStack>,
    <Text as="span" variant="bodySm" tone="subdued" key="why">
      {t('po.why', { position: format.number(l.inventoryPosition, 1), rop: format.number(l.reorderPoint, 1) })}
      {l.eoq !== null ? ` · ${t('po.eoq', { eoq: format.number(l.eoq, 1) })}` : ''}
    </Text>,
    format.number(l.quantity),
    l.packSize > 1 ? t('po.packs', { count: l.packs, packs: format.number(l.packs), size: l.packSize }) : '—',
    format.money(l.unitCost),
    format.money(l.lineCost),
  ]);
  return (
    <section aria-label={t('po.orderFor', { supplier })}>
      <Card padding="0">
        <Box padding="400">
          <InlineStack align="space-between" blockAlign="start" gap="400">
            <BlockStack gap="050">
              <Text as="h2" variant="headingMd">
                {supplier}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {[
                  order.warehouse ? t('po.deliverTo', { warehouse: order.warehouse }) : null,
                  leadTimeDays !== null ? t('po.leadTime', { days: format.days(leadTimeDays, 1) }) : null,
                  t('po.lines', { count: order.lines.length }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </BlockStack>
            <BlockStack gap="050" inlineAlign="end">
              <Text as="p" variant="headingLg" numeric>
                {order.totalCost === null ? '—' : format.money(order.totalCost)}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {t('stock.units', { count: order.totalUnits, n: format.number(order.totalUnits) })}
              </Text>
            </BlockStack>
          </InlineStack>
        </Box>
        <div className="po-table">
          <DataTable
            columnContentTypes={['text', 'text', 'numeric', 'text', 'numeric', 'numeric']}
            headings={[
              t('po.col.sku'),
              t('po.col.why'),
              t('po.col.quantity'),
              t('po.col.packs'),
              t('po.col.unitCost'),
              t('po.col.lineCost'),
            ]}
            rows={rows}
            totals={[
              '',
              '',
              format.number(order.totalUnits),
              '',
              '',
              order.totalCost === null ? '—' : format.money(order.totalCost),
            ]}
            totalsName={{ singular: t('po.total'), plural: t('po.total') }}
            showTotalsInFooter
            increasedTableDensity
          />
        </div>
        {order.totalCost === null ? (
          <Box padding="400" paddingBlockStart="200">
            <Text as="p" variant="bodySm" tone="subdued">
              {t('po.missingCost')}
            </Text>
          </Box>
        ) : null}
      </Card>
    </section>
  );
}
