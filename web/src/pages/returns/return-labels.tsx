import { Badge } from '@shopify/polaris';
import type { ReturnState } from '../../../../core/contracts/admin/returns.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';

type Tone = 'info' | 'success' | 'warning' | 'critical' | 'attention' | undefined;
const tones: Record<ReturnState, [Tone, 'incomplete' | 'partiallyComplete' | 'complete']> = {
  requested: ['attention', 'incomplete'],
  approved: ['info', 'incomplete'],
  declined: ['critical', 'complete'],
  in_transit: ['info', 'partiallyComplete'],
  received: ['info', 'partiallyComplete'],
  graded: ['warning', 'partiallyComplete'],
  refunded: ['success', 'complete'],
  closed: [undefined, 'complete'],
};

/** A return's status as a Polaris badge. */
export function ReturnStatusBadge({ status }: { status: ReturnState }) {
  const { t } = useI18n();
  const [tone, progress] = tones[status];
  return (
    <Badge tone={tone} progress={progress}>
      {t(`returns.state.${status}` as MessageKey)}
    </Badge>
  );
}

/** A reason handle in words; Shopify handles we do not know are shown as they are. */
export function useReasonLabel() {
  const { t } = useI18n();
  return (reason: string | null) => {
    if (!reason) return '—';
    const key = `returns.reason.${reason}` as MessageKey;
    const text = t(key);
    return text === key ? reason.replace(/_/g, ' ') : text;
  };
}
