import { BlockStack, Card, InlineGrid, Page, SkeletonBodyText, Text } from '@shopify/polaris';
import type { ReturnAnalyticsDto } from '../../../../core/contracts/admin/returns.js';
import { useResource } from '../../api/api-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useReasonLabel } from './return-labels.js';

/** Horizontal bars drawn in SVG: each value against the largest one, its label and figure beside it. */
function Bars({ items, title }: { title: string; items: { label: string; value: number; text: string }[] }) {
  const { t } = useI18n();
  const max = Math.max(...items.map((i) => i.value), 0);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {items.length === 0 ? (
          <Text as="p" tone="subdued">
            {t('returns.analytics.none')}
          </Text>
        ) : (
          <svg
            className="bars"
            role="img"
            aria-label={title}
            width="100%"
            height={items.length * 34}
            viewBox={`0 0 600 ${items.length * 34}`}
            preserveAspectRatio="none"
          >
            {items.map((i, n) => (
              <g key={i.label} transform={`translate(0 ${n * 34})`}>
                <text x="0" y="14" fontSize="13" fill="var(--p-color-text)">
                  {i.label}
                </text>
                <rect x="0" y="19" height="10" rx="3" width={600} fill="var(--p-color-bg-surface-secondary)" />
                <rect
                  x="0"
                  y="19"
                  height="10"
                  rx="3"
                  width={max > 0 ? Math.max(2, (i.value / max) * 600) : 0}
                  fill="var(--p-color-bg-fill-info)"
                />
                <text x="600" y="14" fontSize="13" textAnchor="end" fill="var(--p-color-text-secondary)">
                  {i.text}
                </text>
              </g>
            ))}
          </svg>
        )}
      </BlockStack>
    </Card>
  );
}

function Tile({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="span" variant="bodySm" tone="subdued">
          {label}
        </Text>
        <Text as="span" variant="headingLg">
          {value}
        </Text>
        {hint ? (
          <Text as="span" variant="bodySm" tone="subdued">
            {hint}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** The return figures over the last 90 days: rates by SKU and channel, top reasons, times to refund, share restocked, value against cost. */
export function ReturnsAnalyticsPage() {
  const { t, format } = useI18n();
  const reason = useReasonLabel();
  const res = useResource<ReturnAnalyticsDto>('/returns/analytics');
  usePageReady('returns-analytics', !!res.data);
  const f = res.data;
  const hours = (h: number | null) => (h === null ? '—' : t('returns.analytics.hours', { hours: format.number(h, 1) }));
  const rate = (x: { key: string; returned: number; sold: number; rate: number | null }) => ({
    label: x.key,
    value: x.rate ?? 0,
    text:
      x.rate === null
        ? t('returns.analytics.noSales', { returned: x.returned })
        : `${format.percent(x.rate)} · ${t('returns.analytics.rate', { returned: x.returned, sold: x.sold })}`,
  });
  return (
    <Page
      title={t('returns.analytics.title')}
      subtitle={
        f
          ? t('returns.analytics.period', { from: format.calendarDate(f.from), to: format.calendarDate(f.to) })
          : undefined
      }
      backAction={{ content: t('nav.returns'), url: '/returns' }}
    >
      {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
      {!f ? (
        <Card>
          <SkeletonBodyText lines={10} />
        </Card>
      ) : (
        <BlockStack gap="400">
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            <Tile
              label={t('returns.analytics.returns')}
              value={format.number(f.returns)}
              hint={`${format.number(f.unitsReturned)} · ${t('returns.analytics.units')}`}
            />
            <Tile
              label={t('returns.analytics.restocked')}
              value={f.shareRestocked === null ? '—' : format.percent(f.shareRestocked)}
            />
            <Tile
              label={t('returns.analytics.toRefund')}
              value={hours(f.hoursRequestToRefund)}
              hint={`${t('returns.analytics.receiptToRefund')}: ${hours(f.hoursReceiptToRefund)}`}
            />
            <Tile
              label={t('returns.analytics.recovered')}
              value={format.money(f.valueRecovered, f.currency)}
              hint={t('returns.analytics.recoveredVsCost', {
                recovered: format.money(f.valueRecovered, f.currency),
                cost: format.money(f.costOfReturns, f.currency),
              })}
            />
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <Bars
              title={t('returns.analytics.topReasons')}
              items={f.topReasons.map((r) => ({
                label: reason(r.reason),
                value: r.units,
                text: `${r.units} · ${format.percent(r.share)}`,
              }))}
            />
            <Bars
              title={t('returns.analytics.byState')}
              items={f.byState
                .filter((s) => s.count > 0)
                .map((s) => ({
                  label: t(`returns.state.${s.state}` as MessageKey),
                  value: s.count,
                  text: String(s.count),
                }))}
            />
            <Bars title={t('returns.analytics.bySku')} items={f.bySku.slice(0, 10).map(rate)} />
            <Bars
              title={t('returns.analytics.byChannel')}
              items={f.byChannel.map((c) => ({ ...rate(c), label: t(`channel.${c.key}` as MessageKey) }))}
            />
          </InlineGrid>
        </BlockStack>
      )}
    </Page>
  );
}
