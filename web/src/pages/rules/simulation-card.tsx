import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Link,
  ProgressBar,
  Select,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { useId, useState } from 'react';
import type { RoutingRule, RuleSetMetrics } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSimulation } from './use-simulation.js';

type Better = 'higher' | 'lower';

/** "Try on past orders": the draft rules against the saved ones on the same past orders, and what would move. */
export function SimulationCard({ draft }: { draft: RoutingRule[] }) {
  const { t, format } = useI18n();
  const progressId = useId();
  const [days, setDays] = useState('30');
  const [showAll, setShowAll] = useState(false);
  const { result, progress, running, error, start } = useSimulation(t('sim.failed'));

  const run = async () => {
    setShowAll(false);
    await start(draft, Number(days));
  };

  const delta = (cur: number, next: number, better: Better, show: (n: number) => string) => {
    const d = next - cur;
    if (Math.abs(d) < 1e-9)
      return (
        <Text as="span" tone="subdued">
          {t('sim.same')}
        </Text>
      );
    const good = better === 'higher' ? d > 0 : d < 0;
    return <Badge tone={good ? 'success' : 'critical'}>{`${d > 0 ? '+' : '−'}${show(Math.abs(d))}`}</Badge>;
  };
  const row = (label: string, pick: (m: RuleSetMetrics) => number, show: (n: number) => string, better: Better) =>
    result
      ? [
          label,
          show(pick(result.current)),
          show(pick(result.draft)),
          delta(pick(result.current), pick(result.draft), better, show),
        ]
      : [];
  const warehouses = result
    ? [
        ...new Set([...Object.keys(result.current.loadByWarehouse), ...Object.keys(result.draft.loadByWarehouse)]),
      ].sort()
    : [];
  const moved = result ? (showAll ? result.moved : result.moved.slice(0, 10)) : [];

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="end" gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t('sim.title')}
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {t('sim.help')}
            </Text>
          </BlockStack>
          <InlineStack gap="200" blockAlign="end">
            <Select
              label={t('sim.period')}
              labelInline
              options={['7', '14', '30', '60', '90'].map((d) => ({
                value: d,
                label: t('sim.days', { count: Number(d) }),
              }))}
              value={days}
              onChange={setDays}
            />
            <Button variant="primary" onClick={() => void run()} loading={running}>
              {t('sim.run')}
            </Button>
          </InlineStack>
        </InlineStack>
        {error ? <ErrorBanner error={error} onRetry={() => void run()} /> : null}
        {running ? (
          <BlockStack gap="200">
            <Text as="p" variant="bodySm" tone="subdued" id={progressId}>
              {t('sim.progress', { percent: format.percent(progress) })}
            </Text>
            <ProgressBar progress={Math.round(progress * 100)} size="small" ariaLabelledBy={progressId} />
          </BlockStack>
        ) : null}
        {running && !result ? (
          <Box minHeight="240px">
            <SkeletonBodyText lines={8} />
          </Box>
        ) : null}
        {result ? (
          <BlockStack gap="400">
            <Text as="p" variant="bodySm" tone="subdued">
              {result.replayed.windowCapped && result.replayed.from && result.replayed.to
                ? t('sim.replayedRecent', {
                    count: result.orders,
                    days: result.days,
                    from: format.dateTime(result.replayed.from),
                    to: format.dateTime(result.replayed.to),
                  })
                : t('sim.replayed', { count: result.orders, days: result.days })}
            </Text>
            <DataTable
              columnContentTypes={['text', 'numeric', 'numeric', 'numeric']}
              headings={[t('sim.metric'), t('sim.current'), t('sim.draft'), t('sim.change')]}
              rows={[
                row(
                  t('sim.routed'),
                  (m) => m.orders,
                  (n) => format.number(n),
                  'higher',
                ),
                row(
                  t('sim.splitRate'),
                  (m) => m.splitRate,
                  (n) => format.percent(n),
                  'lower',
                ),
                row(
                  t('sim.cost'),
                  (m) => m.cost,
                  (n) => format.money(n),
                  'lower',
                ),
                row(
                  t('sim.promiseMet'),
                  (m) => m.promiseMet,
                  (n) => format.percent(n),
                  'higher',
                ),
                row(
                  t('sim.backordered'),
                  (m) => m.backorderedUnits,
                  (n) => format.number(n),
                  'lower',
                ),
                ...warehouses.map((w) => {
                  const cur = result.current.loadByWarehouse[w] ?? 0;
                  const next = result.draft.loadByWarehouse[w] ?? 0;
                  return [
                    t('sim.load', { warehouse: w }),
                    format.number(cur),
                    format.number(next),
                    next === cur ? (
                      <Text as="span" tone="subdued">
                        {t('sim.same')}
                      </Text>
                    ) : (
                      <Badge>{`${next > cur ? '+' : '−'}${format.number(Math.abs(next - cur))}`}</Badge>
                    ),
                  ];
                }),
              ]}
            />
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">
                {t('sim.moved', { count: result.moved.length })}
              </Text>
              {result.moved.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t('sim.noneMoved')}
                </Text>
              ) : (
                <BlockStack gap="100">
                  {moved.map((m) => (
                    <InlineStack key={m.orderId} gap="200" blockAlign="center" wrap={false}>
                      <Box minWidth="72px">
                        <Link url={`/orders/${m.orderId}`}>{m.name}</Link>
                      </Box>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {m.from.join(' + ') || t('sim.nowhere')}
                      </Text>
                      <Text as="span" variant="bodySm">
                        →
                      </Text>
                      <Text as="span" variant="bodySm" fontWeight="medium">
                        {m.to.join(' + ') || t('sim.nowhere')}
                      </Text>
                    </InlineStack>
                  ))}
                  {result.moved.length > moved.length || showAll ? (
                    <InlineStack>
                      <Button variant="plain" onClick={() => setShowAll((v) => !v)}>
                        {showAll ? t('sim.showFewer') : t('sim.showAll', { count: result.moved.length })}
                      </Button>
                    </InlineStack>
                  ) : null}
                </BlockStack>
              )}
            </BlockStack>
          </BlockStack>
        ) : null}
        {!result && !running ? (
          <Text as="p" tone="subdued">
            {t('sim.empty')}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
