import { ActionList, BlockStack, Box, Button, InlineStack, Link, Popover, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { StockAlert } from '../api/stock-types.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { AlertMath } from './alert-math.js';
import { alertMessage } from './alert-text.js';
import { AlertKindBadge, SeverityBadge } from './stock-badges.js';

const SNOOZE_DAYS = [1, 3, 7, 14, 30];

/** One alert, and what the merchant can do with it. */
export interface AlertItemProps {
  alert: StockAlert & { sku?: string; title?: string };
  /** on the Alerts page each alert names its SKU; on the SKU's own page it names its kind */
  context: 'list' | 'sku';
  busy: boolean;
  onSnooze(days: number): void;
  onResolve(): void;
}

function SnoozeButton({ label, busy, onSnooze }: { label: string; busy: boolean; onSnooze(days: number): void }) {
  const { t, format } = useI18n();
  const [open, setOpen] = useState(false);
  // the shop's calendar day the snooze ends on, with its weekday
  const until = (days: number) => {
    const d = new Date(`${format.today()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return format.day(d.toISOString().slice(0, 10));
  };
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      activator={
        <Button
          disclosure={open ? 'up' : 'down'}
          disabled={busy}
          onClick={() => setOpen((v) => !v)}
          accessibilityLabel={label}
        >
          {t('alerts.snooze')}
        </Button>
      }
    >
      <ActionList
        actionRole="menuitem"
        sections={[
          {
            title: t('alerts.snoozeFor'),
            items: SNOOZE_DAYS.map((d) => ({
              content: t('alerts.snoozeDays', { count: d }),
              suffix: (
                <Text as="span" variant="bodySm" tone="subdued">
                  {t('alerts.snoozeUntil', { date: until(d) })}
                </Text>
              ),
              onAction: () => {
                setOpen(false);
                onSnooze(d);
              },
            })),
          },
        ]}
      />
      <Box paddingInline="300" paddingBlockEnd="300" maxWidth="260px">
        <Text as="p" variant="bodySm" tone="subdued">
          {t('alerts.snoozeHelp')}
        </Text>
      </Box>
    </Popover>
  );
}

/** Resolving asks once, saying the alert comes back if its condition still holds at the next recompute. */
function ResolveButton({ label, busy, onResolve }: { label: string; busy: boolean; onResolve(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      preferredAlignment="right"
      ariaHaspopup="dialog"
      activator={
        <Button onClick={() => setOpen((v) => !v)} loading={busy} accessibilityLabel={label}>
          {t('alerts.resolve')}
        </Button>
      }
    >
      <Box padding="400" maxWidth="320px">
        <BlockStack gap="300">
          <Text as="p">{t('alerts.resolveHelp')}</Text>
          <InlineStack align="end" gap="200">
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              onClick={() => {
                setOpen(false);
                onResolve();
              }}
            >
              {t('alerts.resolveConfirm')}
            </Button>
          </InlineStack>
        </BlockStack>
      </Box>
    </Popover>
  );
}

/** An alert: what is wrong, how urgent, the math behind it, and snooze or resolve. */
export function AlertItem({ alert: a, context, busy, onSnooze, onResolve }: AlertItemProps) {
  const { t, format } = useI18n();
  const kind = t(`alertKind.${a.kind}` as MessageKey);
  const who = a.sku ?? '';
  const status =
    a.status === 'snoozed'
      ? t('alerts.snoozedUntil', { when: format.dateTime(a.snoozedUntil) })
      : a.status === 'resolved'
        ? t(a.resolvedBy === 'recompute' ? 'alerts.resolvedCleared' : 'alerts.resolvedByMerchant', {
            when: format.dateTime(a.resolvedAt),
          })
        : t('alerts.raised', { when: format.dateTime(a.createdAt) });
  return (
    <Box padding="400" borderBlockStartWidth="025" borderColor="border-secondary">
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
          <BlockStack gap="150">
            <InlineStack gap="200" blockAlign="center" align="start">
              {context === 'list' ? (
                <>
                  <Link url={`/stock/${a.skuId}`} removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {a.sku}
                    </Text>
                  </Link>
                  {a.title ? (
                    <Text as="span" tone="subdued">
                      {a.title}
                    </Text>
                  ) : null}
                </>
              ) : (
                <AlertKindBadge kind={a.kind} />
              )}
              <SeverityBadge severity={a.severity} />
            </InlineStack>
            <Text as="p">{alertMessage(t, format, a)}</Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {status}
            </Text>
          </BlockStack>
          {a.status !== 'resolved' ? (
            <InlineStack gap="200" wrap={false} align="end">
              <SnoozeButton label={t('alerts.snoozeOne', { kind, sku: who })} busy={busy} onSnooze={onSnooze} />
              <ResolveButton label={t('alerts.resolveOne', { kind, sku: who })} busy={busy} onResolve={onResolve} />
            </InlineStack>
          ) : null}
        </InlineStack>
        <AlertMath alert={a} />
      </BlockStack>
    </Box>
  );
}
