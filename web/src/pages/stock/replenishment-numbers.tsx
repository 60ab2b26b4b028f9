import { BlockStack, Button, Card, InlineStack, Text } from '@shopify/polaris';
import type { ReactNode } from 'react';
import type { Replenishment, StockSettings } from '../../api/stock-types.js';
import { AbcBadge } from '../../components/stock-badges.js';
import { useI18n } from '../../i18n/i18n.js';

function Fact({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={strong ? 'facts-strong' : undefined}>{children}</dd>
    </>
  );
}

/** The SKU's replenishment numbers as the last run computed them. */
export function ReplenishmentNumbers({
  r,
  settings,
  onRecompute,
  recomputing,
}: {
  r: Replenishment;
  settings: StockSettings | undefined;
  onRecompute(): void;
  recomputing: boolean;
}) {
  const { t, format } = useI18n();
  const units = (v: number, digits = 1) => t('stock.units', { count: v, n: format.number(v, digits) });
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="050">
          <Text as="h2" variant="headingMd">
            {t('sku.numbers')}
          </Text>
          {r ? (
            <Text as="p" variant="bodySm" tone="subdued">
              {t('sku.asOf', { date: format.calendarDate(r.asOf), days: r.windowDays })}
            </Text>
          ) : null}
        </BlockStack>
        {r ? (
          <dl className="facts" aria-label={t('sku.numbers')}>
            <Fact label={t('input.meanDailyDemand')}>{t('stock.perDay', { n: format.number(r.meanDaily, 2) })}</Fact>
            <Fact label={t('sku.sigma')}>{format.number(r.stdDaily, 2)}</Fact>
            <Fact label={t('input.leadTimeDays')}>
              {r.leadTimeStdDays
                ? t('sku.leadTimeSpread', {
                    days: format.days(r.leadTimeDays, 1),
                    sd: format.number(r.leadTimeStdDays, 1),
                  })
                : format.days(r.leadTimeDays, 1)}
            </Fact>
            <Fact label={t('sku.z')}>
              {settings && Math.abs(settings.serviceLevel) > 0
                ? t('sku.zValue', { z: format.number(r.z, 2), level: format.percent(settings.serviceLevel) })
                : format.number(r.z, 2)}
            </Fact>
            <Fact label={t('input.safetyStock')}>{units(r.safetyStock)}</Fact>
            <Fact label={t('input.reorderPoint')} strong>
              {units(r.reorderPoint)}
            </Fact>
            <Fact label={t('sku.eoqLabel')}>{units(r.eoq, 0)}</Fact>
            <Fact label={t('input.inventoryPosition')}>{units(r.available - r.backorders, 0)}</Fact>
            <Fact label={t('input.daysOfCover')}>
              {r.daysOfCover === null ? t('stock.noSales') : format.days(r.daysOfCover, 1)}
            </Fact>
            <Fact label={t('sku.stockout')}>
              {r.projectedStockout ? format.calendarDate(r.projectedStockout) : '—'}
            </Fact>
            <Fact label={t('sku.suggested')} strong>
              {r.suggestedOrderQuantity > 0 ? units(r.suggestedOrderQuantity, 0) : t('sku.nothingToOrder')}
            </Fact>
            <Fact label={t('stock.col.abc')}>
              <InlineStack align="end">
                <AbcBadge abc={r.abcClass} />
              </InlineStack>
            </Fact>
          </dl>
        ) : (
          <Text as="p" tone="subdued">
            {t('sku.notComputed')}
          </Text>
        )}
        {r && r.suggestedOrderQuantity > 0 ? (
          <InlineStack align="end">
            <Button variant="plain" url="/purchase-orders">
              {t('sku.seePurchaseOrders')}
            </Button>
          </InlineStack>
        ) : null}
        {!r ? (
          <InlineStack>
            <Button onClick={onRecompute} loading={recomputing}>
              {t('stock.recompute')}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
