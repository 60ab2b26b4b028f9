import {
  Banner,
  BlockStack,
  Box,
  Card,
  InlineStack,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useCallback, useEffect, useState } from 'react';
import { useResource } from '../../api/api-context.js';
import { ApiError } from '../../api/client.js';
import type { SkuDetail, StockAlert, StockSettingsResponse } from '../../api/stock-types.js';
import { AlertItem } from '../../components/alert-item.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { AbcBadge, AlertKindBadge } from '../../components/stock-badges.js';
import { ALERT_KINDS } from '../../components/stock-labels.js';
import { useAlertActions } from '../../components/use-alert-actions.js';
import { useRecompute } from '../../components/use-recompute.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLocation, useNavigate, withQuery } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { DemandChart, demandDays } from './demand-chart.js';
import { LedgerCard } from './ledger-card.js';
import { LevelsCard } from './levels-card.js';
import { ChannelsCard } from './channels-card.js';
import { PurchasingCard } from './purchasing-card.js';
import { ReplenishmentMath } from './replenishment-math.js';
import { ReplenishmentNumbers } from './replenishment-numbers.js';
import { CHART_PERIODS, readChartDays, skuApiPath } from './stock-filters.js';

function SkuSkeleton() {
  return (
    <SkeletonPage backAction title="" primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Box minHeight="460px">
                <BlockStack gap="400">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={14} />
                </BlockStack>
              </Box>
            </Card>
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={6} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={12} />
              </BlockStack>
            </Card>
            <Card>
              <SkeletonBodyText lines={4} />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** One SKU: its demand against its reorder point and safety stock, the math, its stock, ledger and alerts, and its purchasing details. */
export function SkuPage({ id }: { id: string }) {
  const navigate = useNavigate();
  const { t, format } = useI18n();
  const { query } = useLocation();
  const days = readChartDays(query);
  const res = useResource<SkuDetail>(skuApiPath(id, days));
  const settings = useResource<StockSettingsResponse>('/stock-settings');
  const [data, setData] = useState<SkuDetail | null>(null);
  useEffect(() => {
    if (res.data) setData(res.data);
  }, [res.data]);
  usePageReady('sku', !!data);
  const { running, recompute, reloadSoon } = useRecompute(res.reload);
  const replace = useCallback(
    (saved: StockAlert) =>
      setData((d) => (d ? { ...d, alerts: d.alerts.map((a) => (a.id === saved.id ? { ...a, ...saved } : a)) } : d)),
    [],
  );
  const { busy, snooze, resolve } = useAlertActions(replace);

  if (!data) {
    if (!res.error) return <SkuSkeleton />;
    return (
      <Page title={t('sku.title')} backAction={{ content: t('nav.stock'), url: '/stock' }}>
        {res.error instanceof ApiError && res.error.status === 404 ? (
          <Banner tone="warning" title={t('sku.notFound')} />
        ) : (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        )}
      </Page>
    );
  }
  const { sku, replenishment: r } = data;
  const open = data.alerts.filter((a) => a.status === 'open');
  const kinds = ALERT_KINDS.filter((k) => open.some((a) => a.kind === k));
  const alerts = [...data.alerts].sort(
    (a, b) =>
      ['open', 'snoozed', 'resolved'].indexOf(a.status) - ['open', 'snoozed', 'resolved'].indexOf(b.status) ||
      b.id - a.id,
  );
  const end = r?.asOf ?? format.today();

  return (
    <Page
      title={sku.sku}
      titleMetadata={
        <InlineStack gap="100">
          {r ? <AbcBadge abc={r.abcClass} /> : null}
          {kinds.map((k) => (
            <AlertKindBadge key={k} kind={k} />
          ))}
        </InlineStack>
      }
      subtitle={[sku.title, sku.supplier].filter(Boolean).join(' · ')}
      backAction={{ content: t('nav.stock'), url: '/stock' }}
      secondaryActions={[{ content: t('stock.recompute'), onAction: () => void recompute(), loading: running }]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="start" gap="300">
                    <BlockStack gap="050">
                      <Text as="h2" variant="headingMd">
                        {t('sku.demand')}
                      </Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {t('sku.demandHelp', {
                          units: format.number(data.demand.reduce((n, d) => n + d.units, 0)),
                          days,
                          count: days,
                        })}
                      </Text>
                    </BlockStack>
                    <Select
                      label={t('sku.period')}
                      labelInline
                      options={CHART_PERIODS.map((d) => ({ value: String(d), label: t('sku.lastDays', { count: d }) }))}
                      value={String(days)}
                      onChange={(v) =>
                        navigate(withQuery(`/stock/${id}`, { days: v === '90' ? null : v }), { replace: true })
                      }
                    />
                  </InlineStack>
                  <DemandChart
                    days={demandDays(data.demand, end, days)}
                    reorderPoint={r?.reorderPoint ?? null}
                    safetyStock={r?.safetyStock ?? null}
                  />
                  {r ? <ReplenishmentMath r={r} sku={sku} settings={settings.data?.settings} /> : null}
                </BlockStack>
              </Card>
              {alerts.length ? (
                <Card padding="0">
                  <Box padding="400">
                    <Text as="h2" variant="headingMd">
                      {t('sku.alerts')}
                    </Text>
                  </Box>
                  {alerts.map((a) => (
                    <AlertItem
                      key={a.id}
                      alert={{ ...a, sku: sku.sku }}
                      context="sku"
                      busy={busy === a.id}
                      onSnooze={(d) => void snooze({ ...a, sku: sku.sku }, d)}
                      onResolve={() => void resolve({ ...a, sku: sku.sku })}
                    />
                  ))}
                </Card>
              ) : null}
              <LedgerCard ledger={data.ledger} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <ReplenishmentNumbers
                r={r}
                settings={settings.data?.settings}
                onRecompute={() => void recompute()}
                recomputing={running}
              />
              <LevelsCard levels={data.levels} />
              <ChannelsCard channels={data.channels} />
              <PurchasingCard
                sku={sku}
                settings={settings.data?.settings}
                onSaved={(saved) => {
                  setData((d) => (d ? { ...d, sku: saved } : d));
                  reloadSoon();
                }}
              />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
