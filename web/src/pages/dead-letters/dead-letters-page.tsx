import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  InlineStack,
  Page,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useApi, useResource } from '../../api/api-context.js';
import type { DeadLetter, DeadLetterDetail, DeadLetterPage } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useShop } from '../../shell/shop-context.js';
import { useToast } from '../../shell/toast.js';
import { FailuresCard } from './failures-card.js';

/** JSON pretty-printed when it parses; a truncated or broken body is shown as received. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Payload({ letter }: { letter: DeadLetter }) {
  const { t } = useI18n();
  const full = useResource<DeadLetterDetail>(letter.size > letter.preview.length ? `/dead-letters/${letter.id}` : null);
  const body = full.data?.body ?? letter.preview;
  return (
    <BlockStack gap="100">
      <pre className="payload" aria-label={t('dl.payload')}>
        {pretty(body)}
      </pre>
      <Text as="p" variant="bodyXs" tone="subdued">
        {full.loading ? t('dl.loadingFull') : t('dl.size', { count: letter.size })}
      </Text>
    </BlockStack>
  );
}

function LetterRow({ letter, onReplay, busy }: { letter: DeadLetter; onReplay(): void; busy: boolean }) {
  const { t, format } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Box padding="400" borderBlockEndWidth="025" borderColor="border-secondary">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
          <BlockStack gap="100">
            <InlineStack gap="200" blockAlign="center" align="start">
              <Text as="h3" variant="headingSm">
                <code>{letter.topic}</code>
              </Text>
              <Badge tone="critical">{t('dl.attempts', { count: letter.attempts })}</Badge>
            </InlineStack>
            <Text as="p" variant="bodySm" tone="subdued">
              {t('dl.received', { when: format.dateTime(letter.receivedAt), id: letter.id })}
            </Text>
            <Text as="p" tone="critical" breakWord>
              {letter.lastError ?? t('dl.noError')}
            </Text>
          </BlockStack>
          <InlineStack gap="200" wrap={false}>
            <Button
              onClick={() => setOpen((v) => !v)}
              disclosure={open ? 'up' : 'down'}
              ariaExpanded={open}
              ariaControls={`dl-${letter.id}`}
            >
              {t('dl.payload')}
            </Button>
            <Button onClick={onReplay} loading={busy}>
              {t('dl.replay')}
            </Button>
          </InlineStack>
        </InlineStack>
        {open ? (
          <div id={`dl-${letter.id}`}>
            <Payload letter={letter} />
          </div>
        ) : null}
      </BlockStack>
    </Box>
  );
}

/** Events that failed for good: read why, look at the payload, send them back through ingest. */
export function DeadLettersPage() {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { refresh } = useShop();
  const [before, setBefore] = useState<number | null>(null);
  const res = useResource<DeadLetterPage>(before ? `/dead-letters?before=${before}` : '/dead-letters');
  const [items, setItems] = useState<DeadLetter[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  usePageReady('dead-letters', !!res.data);

  useEffect(() => {
    if (!res.data) return;
    const page = res.data.items;
    setItems((xs) => (before ? [...xs.filter((x) => !page.some((p) => p.id === x.id)), ...page] : page));
  }, [res.data, before]);

  const reloadFirst = () => {
    setBefore(null);
    res.reload();
    refresh();
  };
  const replay = async (l: DeadLetter) => {
    setBusy(l.id);
    try {
      await api.post(`/dead-letters/${l.id}/replay`);
      setItems((xs) => xs.filter((x) => x.id !== l.id));
      toast.show(t('dl.replayed', { topic: l.topic }));
      reloadFirst();
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    } finally {
      setBusy(null);
    }
  };
  const total = res.data?.total ?? 0;

  return (
    <Page
      title={t('nav.deadLetters')}
      subtitle={t('dl.subtitle')}
      titleMetadata={res.data && total > 0 ? <Badge tone="critical">{String(total)}</Badge> : undefined}
      primaryAction={{ content: t('dl.replayAll'), disabled: total === 0, onAction: () => setConfirmAll(true) }}
      secondaryActions={[{ content: t('common.refresh'), onAction: reloadFirst, loading: res.loading }]}
    >
      <BlockStack gap="400">
        <FailuresCard />
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Card padding="0">
          {!res.data && !res.error ? (
            <BlockStack gap="0">
              {[0, 1, 2].map((i) => (
                <Box key={i} padding="400" borderBlockEndWidth="025" borderColor="border-secondary">
                  <SkeletonBodyText lines={3} />
                </Box>
              ))}
            </BlockStack>
          ) : items.length === 0 ? (
            <EmptyState heading={t('dl.emptyTitle')} image="/empty.svg">
              <p>{t('dl.emptyBody')}</p>
            </EmptyState>
          ) : (
            <BlockStack gap="0">
              {items.map((l) => (
                <LetterRow key={l.id} letter={l} busy={busy === l.id} onReplay={() => void replay(l)} />
              ))}
            </BlockStack>
          )}
        </Card>
        {res.data?.nextBefore ? (
          <InlineStack align="center">
            <Button onClick={() => setBefore(res.data!.nextBefore)} loading={res.loading}>
              {t('dl.loadMore')}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
      <ConfirmModal
        open={confirmAll}
        title={t('dl.replayAllTitle', { count: total })}
        confirmLabel={t('dl.replayAll')}
        onClose={() => setConfirmAll(false)}
        onConfirm={async () => {
          const r = await api.post<{ replayed: number[] }>('/dead-letters/replay-all');
          toast.show(t('dl.replayedAll', { count: r.replayed.length }));
          setItems([]);
          reloadFirst();
        }}
      >
        <Text as="p">{t('dl.replayAllBody')}</Text>
      </ConfirmModal>
    </Page>
  );
}
