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
  SkeletonDisplayText,
  Tabs,
  Text,
} from '@shopify/polaris';
import { useState } from 'react';
import { useResource } from '../../api/api-context.js';
import type { AlertKind, AlertRow, AlertsResponse, StockAlert } from '../../api/stock-types.js';
import { AlertItem } from '../../components/alert-item.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ALERT_KINDS } from '../../components/stock-labels.js';
import { useAlertActions } from '../../components/use-alert-actions.js';
import { useRecompute } from '../../components/use-recompute.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useLocation, useNavigate, withQuery } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { ALERT_STATUSES as STATUSES, alertsApiPath, readAlertStatus } from './alert-paths.js';

/** Alerts shown per kind before "Show all": the rest are one click away, and the page stays short. */
const FIRST = 10;

function GroupSkeleton({ rows }: { rows: number }) {
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="200">
          <SkeletonDisplayText size="small" />
          <SkeletonBodyText lines={1} />
        </BlockStack>
      </Box>
      {Array.from({ length: rows }, (_, i) => (
        <Box key={i} padding="400" borderBlockStartWidth="025" borderColor="border-secondary" minHeight="190px">
          <SkeletonBodyText lines={5} />
        </Box>
      ))}
    </Card>
  );
}

function AlertGroup({
  kind,
  items,
  busy,
  onSnooze,
  onResolve,
}: {
  kind: AlertKind;
  items: AlertRow[];
  busy: number | null;
  onSnooze(a: AlertRow, days: number): void;
  onResolve(a: AlertRow): void;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <section aria-labelledby={`alerts-${kind}`}>
      <Card padding="0">
        <Box padding="400">
          <BlockStack gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd" id={`alerts-${kind}`}>
                {t(`alertKind.${kind}` as MessageKey)}
              </Text>
              <Badge>{String(items.length)}</Badge>
            </InlineStack>
            <Text as="p" variant="bodySm" tone="subdued">
              {t(`alertKind.${kind}.help` as MessageKey)}
            </Text>
          </BlockStack>
        </Box>
        {shown.map((a) => (
          <AlertItem
            key={a.id}
            alert={a}
            context="list"
            busy={busy === a.id}
            onSnooze={(d) => onSnooze(a, d)}
            onResolve={() => onResolve(a)}
          />
        ))}
        {items.length > FIRST ? (
          <Box padding="300" borderBlockStartWidth="025" borderColor="border-secondary">
            <InlineStack align="center">
              <Button variant="plain" onClick={() => setAll((v) => !v)}>
                {all ? t('alerts.showFewer') : t('alerts.showAll', { count: items.length })}
              </Button>
            </InlineStack>
          </Box>
        ) : null}
      </Card>
    </section>
  );
}

/** Stock alerts by kind, each with its numbers; open, snoozed and resolved in tabs. */
export function AlertsPage() {
  const navigate = useNavigate();
  const { t } = useI18n();
  const { query } = useLocation();
  const status = readAlertStatus(query);
  const res = useResource<AlertsResponse>(alertsApiPath(status));
  usePageReady('alerts', !!res.data);
  const { running, recompute } = useRecompute(res.reload);

  // the alert left this tab: take it out here too, without reloading the whole list
  const drop = (saved: StockAlert) =>
    res.setData((d) =>
      d && saved.status !== status
        ? {
            groups: d.groups.map((g) => ({ ...g, items: g.items.filter((a) => a.id !== saved.id) })),
            total: d.total - (d.groups.some((g) => g.items.some((a) => a.id === saved.id)) ? 1 : 0),
          }
        : d,
    );
  const { busy, snooze, resolve } = useAlertActions(drop);

  const groups = res.data
    ? ALERT_KINDS.map((kind) => ({ kind, items: res.data!.groups.find((g) => g.kind === kind)?.items ?? [] })).filter(
        (g) => g.items.length > 0,
      )
    : [];
  const tabs = STATUSES.map((s) => ({
    id: `alerts-${s}`,
    content: t(`alerts.tab.${s}` as MessageKey),
    panelID: 'alerts-panel',
  }));

  return (
    <Page
      title={t('nav.alerts')}
      subtitle={t('alerts.subtitle')}
      secondaryActions={[
        { content: t('stock.recompute'), onAction: () => void recompute(), loading: running },
        { content: t('common.refresh'), onAction: res.reload, loading: res.loading },
      ]}
    >
      <BlockStack gap="400">
        <div className="page-tabs">
          <Tabs
            tabs={tabs}
            selected={STATUSES.indexOf(status)}
            onSelect={(i) =>
              navigate(withQuery('/alerts', { status: STATUSES[i] === 'open' ? null : STATUSES[i] }), { replace: true })
            }
          />
        </div>
        <div id="alerts-panel" role="tabpanel" aria-labelledby={`alerts-${status}`}>
          <BlockStack gap="400">
            {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
            {!res.data ? (
              res.error ? null : (
                <>
                  <Box minHeight="20px">
                    <SkeletonBodyText lines={1} />
                  </Box>
                  <GroupSkeleton rows={2} />
                  <GroupSkeleton rows={1} />
                </>
              )
            ) : groups.length === 0 ? (
              <Card>
                <EmptyState
                  heading={t(`alerts.empty.${status}` as MessageKey)}
                  image="/empty.svg"
                  action={status === 'open' ? { content: t('alerts.viewStock'), url: '/stock' } : undefined}
                >
                  <p>{t(`alerts.empty.${status}.body` as MessageKey)}</p>
                </EmptyState>
              </Card>
            ) : (
              <>
                <Text as="p" tone="subdued">
                  {t(`alerts.count.${status}` as MessageKey, { count: res.data.total })}
                </Text>
                {groups.map((g) => (
                  <AlertGroup
                    key={`${status}-${g.kind}`}
                    kind={g.kind}
                    items={g.items}
                    busy={busy}
                    onSnooze={(a, d) => void snooze(a, d)}
                    onResolve={(a) => void resolve(a)}
                  />
                ))}
              </>
            )}
          </BlockStack>
        </div>
      </BlockStack>
    </Page>
  );
}
