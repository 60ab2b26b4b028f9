import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Page,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { useState } from 'react';
import type {
  ChannelAccountDto,
  ChannelListResponse,
  ConnectionCheckResponse,
} from '../../../../core/contracts/admin/channels.js';
import { useApi, useResource } from '../../api/api-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { ConnectModal } from './connect-modal.js';
import { RefusedSkus } from './refused-skus.js';
import { useToast } from '../../shell/toast.js';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="bodyMd" fontWeight="medium">
        {value}
      </Text>
    </BlockStack>
  );
}

function AccountCard({ account }: { account: ChannelAccountDto }) {
  const { t, format } = useI18n();
  const api = useApi();
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<ConnectionCheckResponse | null>(null);
  const seconds = (n: number | null) => (n === null ? '—' : t('channels.seconds', { count: Math.round(n) }));
  const status =
    account.consecutiveFailures > 0 ? (
      <Badge tone="critical">{t('channels.failing', { count: account.consecutiveFailures })}</Badge>
    ) : account.lastSyncAt ? (
      <Badge tone="success">{t('channels.healthy')}</Badge>
    ) : (
      <Badge>{t('channels.waiting')}</Badge>
    );
  const test = async () => {
    setTesting(true);
    try {
      setCheck(await api.post<ConnectionCheckResponse>(`/channel-accounts/${account.id}/test`));
    } catch (e) {
      setCheck({ ok: false, reason: (e as Error).message });
    } finally {
      setTesting(false);
    }
  };
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start" gap="300">
          <BlockStack gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {account.name}
              </Text>
              <Badge>{t(`channels.kind.${account.kind}`)}</Badge>
              {status}
            </InlineStack>
            <Text as="p" variant="bodySm" tone="subdued">
              <code>{account.code}</code> · {account.baseUrl}
            </Text>
          </BlockStack>
          <Button onClick={() => void test()} loading={testing}>
            {t('channels.test')}
          </Button>
        </InlineStack>
        {check ? (
          <Banner tone={check.ok ? 'success' : 'critical'} onDismiss={() => setCheck(null)}>
            {check.ok
              ? t('channels.testOk', { name: check.accountName })
              : t('channels.testFailed', { reason: check.reason })}
          </Banner>
        ) : null}
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Figure label={t('channels.lastSync')} value={format.dateTime(account.lastSyncAt)} />
          <Figure label={t('channels.orderLag')} value={seconds(account.orderLagSeconds)} />
          <Figure label={t('channels.lastStockPush')} value={format.dateTime(account.lastStockPushAt)} />
          <Figure label={t('channels.stockLag')} value={seconds(account.stockLagSeconds)} />
        </InlineGrid>
        {account.lastError ? (
          <Box padding="300" background="bg-surface-critical" borderRadius="200">
            <BlockStack gap="100">
              <Text as="p" variant="bodySm" tone="critical" fontWeight="medium">
                {t('channels.lastError', { when: format.dateTime(account.lastErrorAt) })}
              </Text>
              <Text as="p" variant="bodySm" breakWord>
                {account.lastError}
              </Text>
            </BlockStack>
          </Box>
        ) : null}
        <RefusedSkus account={account} />
        {account.limits.length ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              {t('channels.limits')}
            </Text>
            <InlineStack gap="200">
              {account.limits
                .filter((l) => l.minIntervalMs || l.ratePerSecond)
                .map((l) => (
                  <Badge key={l.operation} tone="info">
                    {`${l.operation}: ${[
                      l.minIntervalMs
                        ? t('channels.everySeconds', { seconds: Math.round(l.minIntervalMs / 1000) })
                        : null,
                      l.ratePerSecond
                        ? t('channels.rate', { rate: format.number(l.ratePerSecond, 4), burst: l.burst ?? 1 })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(', ')}`}
                  </Badge>
                ))}
            </InlineStack>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** Marketplace accounts: health per account, a connection test, and connecting a Mirakl operator or an Amazon seller. */
export function ChannelsPage() {
  const { t } = useI18n();
  const toast = useToast();
  const res = useResource<ChannelListResponse>('/channel-accounts');
  const [adding, setAdding] = useState(false);
  usePageReady('channels', !!res.data);
  const accounts = res.data?.accounts ?? [];
  return (
    <Page
      title={t('nav.channels')}
      subtitle={t('channels.subtitle')}
      primaryAction={{ content: t('channels.add'), onAction: () => setAdding(true) }}
      secondaryActions={[{ content: t('common.refresh'), onAction: res.reload, loading: res.loading }]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Banner tone="info">{t('channels.builtIn')}</Banner>
        {!res.data && !res.error ? (
          <Card>
            <SkeletonBodyText lines={4} />
          </Card>
        ) : null}
        {res.data && accounts.length === 0 ? (
          <Card>
            <EmptyState
              heading={t('channels.emptyTitle')}
              image="/empty.svg"
              action={{ content: t('channels.add'), onAction: () => setAdding(true) }}
            >
              <p>{t('channels.emptyBody')}</p>
            </EmptyState>
          </Card>
        ) : null}
        {accounts.map((a) => (
          <AccountCard key={a.id} account={a} />
        ))}
      </BlockStack>
      <ConnectModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(a) => {
          setAdding(false);
          toast.show(t('channels.created', { name: a.name }));
          res.reload();
        }}
      />
    </Page>
  );
}
