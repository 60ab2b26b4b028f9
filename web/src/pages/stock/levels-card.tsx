import { BlockStack, Card, DataTable, Text } from '@shopify/polaris';
import type { SkuDetail } from '../../api/stock-types.js';
import { useI18n } from '../../i18n/i18n.js';

/** What each warehouse holds of the SKU, and the total. */
export function LevelsCard({ levels }: { levels: SkuDetail['levels'] }) {
  const { t, format } = useI18n();
  const sorted = [...levels].sort((a, b) => a.warehouse.localeCompare(b.warehouse));
  const sum = (pick: (l: SkuDetail['levels'][number]) => number) =>
    format.number(levels.reduce((n, l) => n + pick(l), 0));
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div className="card-heading">
          <Text as="h2" variant="headingMd">
            {t('sku.levels')}
          </Text>
        </div>
        {levels.length === 0 ? (
          <div className="card-heading">
            <Text as="p" tone="subdued">
              {t('sku.noLevels')}
            </Text>
          </div>
        ) : (
          <DataTable
            columnContentTypes={['text', 'numeric', 'numeric', 'numeric']}
            headings={[t('ledger.col.warehouse'), t('input.onHand'), t('input.reserved'), t('input.available')]}
            rows={sorted.map((l) => [
              l.warehouse,
              format.number(l.onHand),
              format.number(l.reserved),
              <Text as="span" key="a" fontWeight="semibold" tone={l.onHand - l.reserved <= 0 ? 'critical' : undefined}>
                {format.number(l.onHand - l.reserved)}
              </Text>,
            ])}
            totals={['', sum((l) => l.onHand), sum((l) => l.reserved), sum((l) => l.onHand - l.reserved)]}
            totalsName={{ singular: t('sku.total'), plural: t('sku.total') }}
            showTotalsInFooter
            increasedTableDensity
          />
        )}
      </BlockStack>
    </Card>
  );
}
