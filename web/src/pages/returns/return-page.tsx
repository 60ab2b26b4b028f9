import {
  Banner,
  BlockStack,
  Box,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import type { ReturnActionBody, ReturnDetailDto } from '../../../../core/contracts/admin/returns.js';
import { useApi, useResource } from '../../api/api-context.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';
import { ReturnStatusBadge, useReasonLabel } from './return-labels.js';
import { decisionLabel, returnActorLabel } from './return-words.js';

/** One return: its items and grades, where it goes back to, the refund, its timeline, and what can be done next. */
export function ReturnPage({ id }: { id: string }) {
  const { t, format, language } = useI18n();
  const reason = useReasonLabel();
  const api = useApi();
  const toast = useToast();
  const res = useResource<ReturnDetailDto>(`/returns/${id}`);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [declineReason, setDeclineReason] = useState<'final_sale' | 'window_ended' | 'other'>('other');
  const [declineNote, setDeclineNote] = useState('');
  const [busy, setBusy] = useState(false);
  usePageReady('return', !!res.data);
  const r = res.data;

  const act = async (body: ReturnActionBody) => {
    setBusy(true);
    try {
      await api.post(`/returns/${id}/actions`, body);
      toast.show(t('returns.action.done'));
      res.reload();
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    } finally {
      setBusy(false);
    }
  };
  const openSlip = async () => {
    const file = await api.download(`/returns/${id}/slip?lang=${language}`);
    window.open(URL.createObjectURL(file.blob), '_blank', 'noopener');
  };

  if (!r) {
    return (
      <Page title="…" backAction={{ content: t('nav.returns'), url: '/returns' }}>
        {res.error ? (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        ) : (
          <Card>
            <SkeletonBodyText lines={8} />
          </Card>
        )}
      </Page>
    );
  }
  const primary = r.actions.includes('approve')
    ? { content: t('returns.action.approve'), loading: busy, onAction: () => void act({ type: 'approve' }) }
    : r.actions.includes('refund')
      ? { content: t('returns.action.refund'), loading: busy, onAction: () => void act({ type: 'refund' }) }
      : undefined;
  const secondary = [
    ...(r.actions.includes('decline')
      ? [{ content: t('returns.action.decline'), destructive: true, onAction: () => setDeclineOpen(true) }]
      : []),
    ...(r.actions.includes('ship')
      ? [{ content: t('returns.action.ship'), onAction: () => void act({ type: 'ship' }) }]
      : []),
    ...(r.actions.includes('close')
      ? [{ content: t('returns.action.close'), onAction: () => void act({ type: 'close' }) }]
      : []),
    { content: t('returns.action.slip'), onAction: () => void openSlip() },
  ];
  const a = r.warehouseAddress;
  return (
    <Page
      title={t('returns.page.title', { rma: r.rma })}
      titleMetadata={<ReturnStatusBadge status={r.status} />}
      subtitle={r.orderName ? t('returns.page.order', { name: r.orderName }) : undefined}
      backAction={{ content: t('nav.returns'), url: '/returns' }}
      primaryAction={primary}
      secondaryActions={secondary}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {r.syncError ? <Banner tone="critical">{t('returns.syncError', { message: r.syncError })}</Banner> : null}
            {r.status === 'declined' ? (
              <Banner tone="warning">
                {t('returns.page.declined', {
                  reason: t(`returns.decline.${r.declineReason ?? 'other'}` as MessageKey),
                })}
                {r.declineNote ? ` — ${r.declineNote}` : ''}
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('returns.page.lines')}
                </Text>
                {r.lines.map((l) => (
                  <Box key={l.id} paddingBlockEnd="200" borderBlockEndWidth="025" borderColor="border-secondary">
                    <BlockStack gap="100">
                      <InlineStack align="space-between" wrap={false}>
                        <BlockStack gap="050">
                          <Text as="span" fontWeight="semibold">
                            {l.title || l.sku}
                          </Text>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {l.sku} · {format.money(l.unitPrice)} · {reason(l.reason)}
                          </Text>
                        </BlockStack>
                        <Text as="span" numeric>
                          × {l.quantity}
                        </Text>
                      </InlineStack>
                      {l.exchange ? (
                        <Text as="span" variant="bodySm">
                          {t('returns.page.exchange', { quantity: l.exchange.quantity, title: l.exchange.title })}
                        </Text>
                      ) : null}
                      {l.customerNote ? (
                        <Text as="p" variant="bodySm">
                          “{l.customerNote}”
                        </Text>
                      ) : null}
                      {l.grades.length ? (
                        <InlineStack gap="200">
                          <Text as="span" variant="bodySm" tone="subdued">
                            {t('returns.page.received', { received: l.receivedQuantity, quantity: l.quantity })}
                          </Text>
                          {l.grades.map((g, i) => (
                            <span key={i} className={`grade grade-${g.grade}`}>
                              {g.quantity} × {t(`returns.grade.${g.grade}` as MessageKey)}
                            </span>
                          ))}
                        </InlineStack>
                      ) : null}
                      {l.photoUrls.length ? (
                        <InlineStack gap="200">
                          {l.photoUrls.map((u, i) => (
                            <Link key={u} url={u} external>{`${t('returns.page.photos')} ${i + 1}`}</Link>
                          ))}
                        </InlineStack>
                      ) : null}
                    </BlockStack>
                  </Box>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('returns.page.timeline')}
                </Text>
                <ol className="timeline">
                  {r.timeline.map((e) => (
                    <li key={e.id} className="timeline-item" data-action={e.action}>
                      <span className="timeline-dot" aria-hidden="true" />
                      <InlineStack align="space-between" gap="200" wrap={false}>
                        <Text as="span" fontWeight="semibold">
                          {t(`returns.timeline.${e.action}` as MessageKey)}
                        </Text>
                        <Text as="span" variant="bodySm" tone="subdued">
                          <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                        </Text>
                      </InlineStack>
                      <Text as="p" variant="bodyXs" tone="subdued">
                        {returnActorLabel(t, e.actor, { id: r.warehouseId, name: r.warehouse })}
                      </Text>
                    </li>
                  ))}
                </ol>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t('returns.page.details')}
              </Text>
              <InlineGrid columns={1} gap="200">
                <Field label={t('returns.col.source')} value={t(`returns.source.${r.source}` as MessageKey)} />
                <Field label={t('returns.col.requested')} value={format.dateTime(r.requestedAt)} />
                {r.decision ? <Field label={t('returns.page.decision')} value={decisionLabel(t, r.decision)} /> : null}
                <Field
                  label={t('returns.page.warehouse')}
                  value={
                    a
                      ? [a.name, a.address1, [a.zip, a.city].filter(Boolean).join(' '), a.countryCode]
                          .filter(Boolean)
                          .join(', ')
                      : t('returns.page.noWarehouse')
                  }
                />
                {r.trackingNumber ? <Field label={t('returns.page.tracking')} value={r.trackingNumber} /> : null}
                <Field
                  label={t('returns.page.refund')}
                  value={
                    r.refundAmount
                      ? r.refundDue
                        ? t('returns.page.refundDue', { amount: format.money(r.refundAmount) })
                        : format.money(r.refundAmount)
                      : '—'
                  }
                />
                <Field label={t('returns.page.cost')} value={format.money(r.cost)} />
                {r.exchangeOrder ? (
                  <BlockStack gap="050">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('returns.page.exchangeOrder')}
                    </Text>
                    <Link url={`/orders/${r.exchangeOrder.id}`}>{r.exchangeOrder.name}</Link>
                  </BlockStack>
                ) : r.lines.some((l) => l.exchange) ? (
                  <Field label={t('returns.page.exchangeOrder')} value={t('returns.page.exchangePending')} />
                ) : null}
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <ConfirmModal
        open={declineOpen}
        title={t('returns.decline.title')}
        confirmLabel={t('returns.action.decline')}
        destructive
        onClose={() => setDeclineOpen(false)}
        onConfirm={async () => {
          await api.post(`/returns/${id}/actions`, {
            type: 'decline',
            reason: declineReason,
            note: declineNote || null,
          });
          setDeclineOpen(false);
          res.reload();
        }}
      >
        <BlockStack gap="300">
          <Text as="p">{t('returns.decline.body')}</Text>
          <Select
            label={t('returns.decline.reason')}
            value={declineReason}
            onChange={(v) => setDeclineReason(v as typeof declineReason)}
            options={(['final_sale', 'window_ended', 'other'] as const).map((x) => ({
              value: x,
              label: t(`returns.decline.${x}`),
            }))}
          />
          <TextField
            label={t('returns.decline.note')}
            value={declineNote}
            onChange={setDeclineNote}
            multiline={2}
            autoComplete="off"
            maxLength={500}
          />
        </BlockStack>
      </ConfirmModal>
    </Page>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </BlockStack>
  );
}
