import { Badge, Tooltip } from '@shopify/polaris';
import type { AlertKind } from '../api/stock-types.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { alertKindTone, severityTone } from './stock-labels.js';

/** What an open alert says about a SKU, as a short badge. */
export function AlertKindBadge({ kind }: { kind: AlertKind }) {
  const { t } = useI18n();
  return <Badge tone={alertKindTone[kind]}>{t(`alertKind.${kind}` as MessageKey)}</Badge>;
}

/** How urgent an alert is. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useI18n();
  const known = ['critical', 'warning', 'info'].includes(severity);
  return <Badge tone={severityTone(severity)}>{known ? t(`severity.${severity}` as MessageKey) : severity}</Badge>;
}

/** The SKU's A/B/C class by revenue, with what it means on hover. */
export function AbcBadge({ abc }: { abc: string | null | undefined }) {
  const { t } = useI18n();
  if (!abc) return null;
  const tone = abc === 'A' ? 'success' : abc === 'B' ? 'info' : undefined;
  return (
    <Tooltip content={t(`abc.help.${abc === 'A' || abc === 'B' ? abc : 'C'}` as MessageKey)}>
      <Badge tone={tone}>{t('abc.badge', { abc })}</Badge>
    </Tooltip>
  );
}
