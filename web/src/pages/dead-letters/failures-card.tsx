import { BlockStack, Box, Button, Card, InlineStack, Link, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useApi, useResource } from '../../api/api-context.js';
import type { DispatchFailuresResponse, TrackingPushFailuresResponse } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useToast } from '../../shell/toast.js';

interface Row {
  key: string;
  orderId: number;
  detail: string;
  error: string | null;
  replay(): Promise<unknown>;
}

function Section({ title, rows, onReplayAll }: { title: string; rows: Row[]; onReplayAll(): Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, action: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  return (
    <BlockStack gap="0">
      <Box padding="400" borderBlockEndWidth="025" borderColor="border-secondary">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <Button onClick={() => void run('all', onReplayAll)} loading={busy === 'all'}>
            {t('fail.replayAll')}
          </Button>
        </InlineStack>
      </Box>
      {rows.map((r) => (
        <Box key={r.key} padding="400" borderBlockEndWidth="025" borderColor="border-secondary">
          <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
            <BlockStack gap="100">
              <Link url={`/orders/${r.orderId}`} removeUnderline>
                {t('fail.order', { id: r.orderId })}
              </Link>
              <Text as="p" variant="bodySm" tone="subdued">
                {r.detail}
              </Text>
              <Text as="p" tone="critical" breakWord>
                {r.error ?? t('fail.noError')}
              </Text>
            </BlockStack>
            <Button onClick={() => void run(r.key, r.replay)} loading={busy === r.key}>
              {t('fail.replay')}
            </Button>
          </InlineStack>
        </Box>
      ))}
    </BlockStack>
  );
}

/**
 * Work that left the app and failed after every retry: orders handed to a 3PL and tracking
 * numbers sent back to the sales channel. Each can be sent again; shown only when there are some.
 */
export function FailuresCard() {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const dispatch = useResource<DispatchFailuresResponse>('/dispatch-failures');
  const tracking = useResource<TrackingPushFailuresResponse>('/tracking-push-failures');
  const replayed = async (call: Promise<{ replayed: number[] }>, all: boolean) => {
    try {
      const r = await call;
      toast.show(all ? t('fail.replayedAll', { count: r.replayed.length }) : t('fail.replayed'));
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    }
    dispatch.reload();
    tracking.reload();
  };
  const dispatchRows: Row[] = (dispatch.data?.items ?? []).map((d) => ({
    key: `d${d.id}`,
    orderId: d.orderId,
    error: d.error,
    detail: t('fail.dispatchDetail', { id: d.id, attempts: d.attempts, when: format.dateTime(d.updatedAt) }),
    replay: () => replayed(api.post('/dispatch-failures/replay', { ids: [d.id] }), false),
  }));
  const trackingRows: Row[] = (tracking.data?.items ?? []).map((f) => ({
    key: `t${f.id}`,
    orderId: f.orderId,
    error: f.error,
    detail: t('fail.trackingDetail', { id: f.id, when: format.dateTime(f.updatedAt) }),
    replay: () => replayed(api.post(`/tracking-push-failures/${f.id}/replay`), false),
  }));
  const error = dispatch.error ?? tracking.error;
  if (!error && dispatchRows.length === 0 && trackingRows.length === 0) return null;
  return (
    <Card padding="0">
      <Box padding="400" borderBlockEndWidth="025" borderColor="border-secondary">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t('fail.title')}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {t('fail.subtitle')}
          </Text>
        </BlockStack>
      </Box>
      {error ? (
        <Box padding="400">
          <ErrorBanner
            error={error}
            onRetry={() => {
              dispatch.reload();
              tracking.reload();
            }}
          />
        </Box>
      ) : null}
      {dispatchRows.length ? (
        <Section
          title={t('fail.dispatch')}
          rows={dispatchRows}
          onReplayAll={() => replayed(api.post('/dispatch-failures/replay', { ids: 'all' }), true)}
        />
      ) : null}
      {trackingRows.length ? (
        <Section
          title={t('fail.tracking')}
          rows={trackingRows}
          onReplayAll={() => replayed(api.post('/tracking-push-failures/replay-all'), true)}
        />
      ) : null}
    </Card>
  );
}
