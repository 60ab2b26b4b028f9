import {
  BlockStack,
  Box,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useResource } from '../../api/api-context.js';
import type { OverviewResponse } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { HandoverChart, lastDays } from './handover-chart.js';

type Tone = 'critical' | 'caution' | undefined;
interface Metric {
  key: keyof Pick<
    OverviewResponse,
    'waitingToRoute' | 'onHold' | 'backordered' | 'awaitingAcknowledgement' | 'shippedToday' | 'late'
  >;
  label: MessageKey;
  help: MessageKey;
  url: string;
  tone(n: number): Tone;
}

const metrics: Metric[] = [
  {
    key: 'waitingToRoute',
    label: 'overview.waitingToRoute',
    help: 'overview.waitingToRouteHelp',
    url: '/orders?status=pending',
    tone: (n) => (n > 0 ? 'caution' : undefined),
  },
  {
    key: 'onHold',
    label: 'overview.onHold',
    help: 'overview.onHoldHelp',
    url: '/orders?status=on_hold',
    tone: (n) => (n > 0 ? 'caution' : undefined),
  },
  {
    key: 'backordered',
    label: 'overview.backordered',
    help: 'overview.backorderedHelp',
    url: '/orders?status=backordered',
    tone: (n) => (n > 0 ? 'caution' : undefined),
  },
  {
    key: 'awaitingAcknowledgement',
    label: 'overview.awaitingAck',
    help: 'overview.awaitingAckHelp',
    url: '/orders?status=routed,dispatched',
    tone: () => undefined,
  },
  {
    key: 'shippedToday',
    label: 'overview.shippedToday',
    help: 'overview.shippedTodayHelp',
    url: '/orders?status=shipped,partially_shipped',
    tone: () => undefined,
  },
  {
    key: 'late',
    label: 'overview.late',
    help: 'overview.lateHelp',
    url: '/orders?late=true',
    tone: (n) => (n > 0 ? 'critical' : undefined),
  },
];

function MetricCard({ m, value }: { m: Metric; value: number }) {
  const { t, format } = useI18n();
  const tone = m.tone(value);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {t(m.label)}
        </Text>
        <Link url={m.url} removeUnderline monochrome accessibilityLabel={`${t(m.label)}: ${value}`}>
          <Text as="p" variant="heading2xl" tone={tone}>
            {format.number(value)}
          </Text>
        </Link>
        <Text as="p" variant="bodySm" tone="subdued">
          {t(m.help)}
        </Text>
      </BlockStack>
    </Card>
  );
}

const repairKinds: Record<string, MessageKey> = {
  'missing order': 'reconcile.missing',
  'missed cancellation': 'reconcile.cancellation',
  'missed update': 'reconcile.update',
};
const whatLabel = (t: (k: MessageKey) => string, what?: string) =>
  what ? (repairKinds[what] ? t(repairKinds[what]) : what) : null;

/** The overview's skeleton: the same grid and cards, so nothing moves when numbers arrive. */
function OverviewSkeleton() {
  return (
    <SkeletonPage title="" primaryAction>
      <BlockStack gap="400">
        <InlineGrid columns={{ xs: 2, md: 3 }} gap="400">
          {metrics.map((m) => (
            <Card key={m.key}>
              <Box minHeight="92px">
                <BlockStack gap="300">
                  <SkeletonBodyText lines={1} />
                  <SkeletonDisplayText size="large" />
                  <SkeletonBodyText lines={1} />
                </BlockStack>
              </Box>
            </Card>
          ))}
        </InlineGrid>
        <Layout>
          <Layout.Section>
            <Card>
              <Box minHeight="340px">
                <BlockStack gap="400">
                  <SkeletonDisplayText size="small" />
                  <SkeletonBodyText lines={2} />
                  <SkeletonBodyText lines={8} />
                </BlockStack>
              </Box>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <Box minHeight="92px">
                  <BlockStack gap="300">
                    <SkeletonDisplayText size="small" />
                    <SkeletonBodyText lines={2} />
                  </BlockStack>
                </Box>
              </Card>
              <Card>
                <Box minHeight="92px">
                  <BlockStack gap="300">
                    <SkeletonDisplayText size="small" />
                    <SkeletonBodyText lines={2} />
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
        </Layout>
      </BlockStack>
    </SkeletonPage>
  );
}

/** Open stock alerts, the critical ones called out; the number opens the Alerts page. */
function StockAlertsCard({ counts }: { counts: OverviewResponse['stockAlerts'] }) {
  const { t, format } = useI18n();
  const { open, critical } = counts;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t('overview.stockAlerts')}
        </Text>
        <Link url="/alerts" removeUnderline monochrome accessibilityLabel={`${t('overview.stockAlerts')}: ${open}`}>
          <Text as="p" variant="heading2xl" tone={critical > 0 ? 'critical' : open > 0 ? 'caution' : undefined}>
            {format.number(open)}
          </Text>
        </Link>
        <Text as="p" variant="bodySm" tone="subdued">
          {open === 0
            ? t('overview.stockAlertsNone')
            : critical > 0
              ? t('overview.stockAlertsCritical', { count: critical })
              : t('overview.stockAlertsHelp')}
        </Text>
      </BlockStack>
    </Card>
  );
}

/** The state of the pipeline at a glance; every number opens the list behind it. */
export function OverviewPage() {
  const { t, format } = useI18n();
  const res = useResource<OverviewResponse>('/overview');
  usePageReady('overview', !!res.data);
  if (!res.data) {
    return res.error ? (
      <Page title={t('nav.overview')}>
        <ErrorBanner error={res.error} onRetry={res.reload} />
      </Page>
    ) : (
      <OverviewSkeleton />
    );
  }
  const o = res.data;
  const rec = o.lastReconciliation;
  return (
    <Page
      title={t('nav.overview')}
      secondaryActions={[{ content: t('common.refresh'), onAction: res.reload, loading: res.loading }]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <InlineGrid columns={{ xs: 2, md: 3 }} gap="400">
          {metrics.map((m) => (
            <MetricCard key={m.key} m={m} value={o[m.key]} />
          ))}
        </InlineGrid>
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {t('overview.handoverTitle')}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t('overview.handoverHelp')}
                  </Text>
                </BlockStack>
                <InlineStack gap="800" align="start">
                  <BlockStack gap="050">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('overview.median')}
                    </Text>
                    <Text as="span" variant="headingLg">
                      {format.minutes(o.handoverWeek.medianMinutes)}
                    </Text>
                  </BlockStack>
                  <BlockStack gap="050">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('overview.p95')}
                    </Text>
                    <Text as="span" variant="headingLg">
                      {format.minutes(o.handoverWeek.p95Minutes)}
                    </Text>
                  </BlockStack>
                </InlineStack>
                {o.handoverWeek.orders === 0 ? (
                  <Box minHeight="220px" padding="800">
                    <Text as="p" alignment="center" tone="subdued">
                      {t('overview.handoverEmpty')}
                    </Text>
                  </Box>
                ) : (
                  <HandoverChart days={lastDays(o.handover, format.today())} />
                )}
                <Text as="p" variant="bodySm" tone="subdued">
                  {t('overview.handoverOrders', { count: o.handoverWeek.orders })}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <StockAlertsCard counts={o.stockAlerts} />
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('overview.delayed')}
                  </Text>
                  <Text as="p" variant="heading2xl" tone={(o.delayedShipments ?? 0) > 0 ? 'caution' : undefined}>
                    {format.number(o.delayedShipments ?? 0)}
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('nav.deadLetters')}
                  </Text>
                  <Link
                    url="/dead-letters"
                    removeUnderline
                    monochrome
                    accessibilityLabel={`${t('nav.deadLetters')}: ${o.deadLetters}`}
                  >
                    <Text as="p" variant="heading2xl" tone={o.deadLetters > 0 ? 'critical' : undefined}>
                      {format.number(o.deadLetters)}
                    </Text>
                  </Link>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {o.deadLetters > 0 ? t('overview.deadLettersHelp') : t('overview.deadLettersNone')}
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('overview.reconciliation')}
                  </Text>
                  {rec ? (
                    <BlockStack gap="200">
                      <Text as="p">{t('overview.reconciliationAt', { when: format.dateTime(rec.at) })}</Text>
                      <Text as="p" tone={rec.repaired > 0 ? 'caution' : 'success'}>
                        {t('overview.reconciliationResult', { checked: rec.checked, count: rec.repaired })}
                      </Text>
                      {rec.details.length ? (
                        <List type="bullet">
                          {rec.details.map((d, i) => (
                            <List.Item key={`${d.externalId ?? ''}${i}`}>
                              {d.name ? <Link url={`/orders?q=${encodeURIComponent(d.name)}`}>{d.name}</Link> : null}{' '}
                              {whatLabel(t, d.what)}
                            </List.Item>
                          ))}
                        </List>
                      ) : null}
                    </BlockStack>
                  ) : (
                    <Text as="p" tone="subdued">
                      {t('overview.reconciliationNone')}
                    </Text>
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
