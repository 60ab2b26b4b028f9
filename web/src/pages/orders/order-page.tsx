import { CustomerCard } from './customer-card.js';
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useResource } from '../../api/api-context.js';
import type { OrderDetail } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { OrderStatusBadge } from '../../components/status-badge.js';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages-en.js';
import { usePageReady } from '../../shell/page-ready.js';
import { AllocationsCard } from './allocations-card.js';
import { availableActions, OrderActionModal, type OrderAction } from './order-actions.js';
import { CreateReturnModal, shippedByLine } from './create-return-modal.js';
import { OrderTimeline } from './order-timeline.js';
import { decidedBySentence, decisionSentence } from './trace-labels.js';
import { TraceTable } from './trace-table.js';

/** Shopify's financial status in words; an unknown one as Shopify spells it. */
function paymentLabel(t: Translate, status: string | null): string {
  if (!status) return '—';
  const key = `financialStatus.${status.toLowerCase()}` as MessageKey;
  return key in en ? t(key) : status.toLowerCase().replaceAll('_', ' ');
}

function OrderSkeleton() {
  return (
    <SkeletonPage backAction title="" primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={6} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={4} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <SkeletonBodyText lines={6} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** One order: what was decided and why, what each warehouse did, and every step on the way. */
export function OrderPage({ id }: { id: string }) {
  const { t, format, language } = useI18n();
  const countryName = (code: string | null | undefined) => {
    if (!code) return null;
    try {
      return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const res = useResource<OrderDetail>(`/orders/${encodeURIComponent(id)}`);
  const [action, setAction] = useState<OrderAction | null>(null);
  const [returning, setReturning] = useState(false);
  const [followUp, setFollowUp] = useState(0);
  usePageReady('order', !!res.data);

  // routing runs in the background: look again shortly after an action
  useEffect(() => {
    if (!followUp) return;
    const timer = setTimeout(res.reload, 1500);
    return () => clearTimeout(timer);
  }, [followUp, res.reload]);

  if (!res.data) {
    if (!res.error) return <OrderSkeleton />;
    const missing = res.error instanceof ApiError && res.error.status === 404;
    return (
      <Page title={t('order.title')} backAction={{ content: t('nav.orders'), url: '/orders' }}>
        {missing ? (
          <Banner tone="warning" title={t('order.notFound')} />
        ) : (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        )}
      </Page>
    );
  }
  const d = res.data;
  const o = d.order;
  const can = availableActions(d);
  const names = new Map(d.allocations.map((a) => [a.warehouseId, a.warehouse]));
  const address = o.shippingAddress;
  const addressLines = address
    ? [
        address.name ?? [address.firstName, address.lastName].filter(Boolean).join(' '),
        address.address1,
        address.address2,
        [address.zip, address.city].filter(Boolean).join(' '),
        countryName(address.countryCode),
      ].filter(Boolean)
    : [];

  return (
    <Page
      title={o.name}
      titleMetadata={
        <InlineStack gap="100">
          <OrderStatusBadge status={o.status} />
          {o.onHoldReason ? (
            <Badge tone="warning">
              {o.onHoldReason === 'awaiting_payment' ? t('timelineDetail.awaitingPayment') : o.onHoldReason}
            </Badge>
          ) : null}
        </InlineStack>
      }
      subtitle={t('order.subtitle', {
        when: format.dateTime(o.placedAt),
        channel: t(`channel.${o.channel}` as 'channel.shopify'),
      })}
      backAction={{ content: t('nav.orders'), url: '/orders' }}
      primaryAction={
        can.release
          ? { content: t('order.release'), onAction: () => setAction('release') }
          : { content: t('order.reroute'), disabled: !can.reroute, onAction: () => setAction('reroute') }
      }
      secondaryActions={[
        ...(can.release ? [] : [{ content: t('order.hold'), disabled: !can.hold, onAction: () => setAction('hold') }]),
        { content: t('order.cancel'), destructive: true, disabled: !can.cancel, onAction: () => setAction('cancel') },
        {
          content: t('order.createReturn'),
          disabled: ![...shippedByLine(d).values()].some((n) => n > 0),
          onAction: () => setReturning(true),
        },
      ]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Layout>
          <Layout.Section variant="fullWidth">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd" id="trace">
                    {t('trace.title')}
                  </Text>
                  {d.trace ? (
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('trace.evaluatedAt', {
                        when: format.dateTime(d.trace.evaluatedAt),
                        count: d.trace.plan.considered,
                      })}
                    </Text>
                  ) : null}
                </InlineStack>
                {d.trace ? (
                  <BlockStack gap="300">
                    <Box>
                      <Text as="p" fontWeight="medium">
                        {decisionSentence(t, d.trace)}
                      </Text>
                      {decidedBySentence(t, d.trace) ? (
                        <Text as="p" tone="subdued">
                          {decidedBySentence(t, d.trace)}
                        </Text>
                      ) : null}
                    </Box>
                    <TraceTable trace={d.trace} />
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    {t('trace.none')}
                  </Text>
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <BlockStack gap="400">
              <AllocationsCard allocations={d.allocations} />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t('order.timeline')}
                  </Text>
                  <OrderTimeline entries={d.timeline} warehouseName={(wid) => names.get(wid)} />
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('order.items')}
                  </Text>
                  {d.lines.map((l) => (
                    <InlineStack key={l.id} align="space-between" gap="200" wrap={false}>
                      <BlockStack gap="0">
                        <Text as="span" variant="bodySm">
                          {l.title}
                        </Text>
                        <Text as="span" variant="bodyXs" tone="subdued">
                          {l.sku ?? '—'}
                        </Text>
                      </BlockStack>
                      <Text as="span" variant="bodySm" numeric>
                        ×{l.currentQuantity}
                      </Text>
                    </InlineStack>
                  ))}
                  <InlineStack align="space-between">
                    <Text as="span" fontWeight="semibold">
                      {t('order.total')}
                    </Text>
                    <Text as="span" fontWeight="semibold" numeric>
                      {format.money(o.totalPrice, o.currency)}
                    </Text>
                  </InlineStack>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t('order.payment', { status: paymentLabel(t, o.financialStatus) })}
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('order.shipTo')}
                  </Text>
                  {addressLines.length ? (
                    addressLines.map((line, i) => (
                      <Text as="p" key={i} variant="bodySm">
                        {line}
                      </Text>
                    ))
                  ) : (
                    <Text as="p" tone="subdued">
                      —
                    </Text>
                  )}
                  {o.email ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {o.email}
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
              <CustomerCard detail={d} />
              {d.backorders.length ? (
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {t('order.backorders')}
                    </Text>
                    {d.backorders.map((b) => (
                      <InlineStack key={b.id} align="space-between">
                        <Text as="span" variant="bodySm">
                          {b.sku}
                        </Text>
                        <Text as="span" variant="bodySm">
                          {t('order.backorderLine', {
                            count: b.quantity,
                            outcome: t(`backorderOutcome.${b.outcome}` as 'backorderOutcome.partial'),
                          })}
                        </Text>
                      </InlineStack>
                    ))}
                  </BlockStack>
                </Card>
              ) : null}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
      {returning ? <CreateReturnModal detail={d} onClose={() => setReturning(false)} /> : null}
      <OrderActionModal
        action={action}
        order={o}
        onClose={() => setAction(null)}
        onDone={() => {
          res.reload();
          setFollowUp((n) => n + 1);
        }}
      />
    </Page>
  );
}
