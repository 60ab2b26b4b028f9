import { Badge, type BadgeProps } from '@shopify/polaris';
import type { AllocationStatus, OrderStatus } from '../api/types.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

type Tone = BadgeProps['tone'];
type Progress = BadgeProps['progress'];

const orderTones: Record<OrderStatus, [Tone, Progress]> = {
  pending: ['attention', 'incomplete'],
  routed: ['info', 'partiallyComplete'],
  backordered: ['warning', 'incomplete'],
  on_hold: ['warning', 'incomplete'],
  dispatched: ['info', 'partiallyComplete'],
  partially_shipped: ['attention', 'partiallyComplete'],
  shipped: ['success', 'complete'],
  delivered: ['success', 'complete'],
  cancelled: [undefined, undefined],
  fulfilled_elsewhere: [undefined, 'complete'],
};

const allocationTones: Record<AllocationStatus, Tone> = {
  reserved: 'attention',
  ready: 'attention',
  leased: 'info',
  acknowledged: 'info',
  rejected: 'critical',
  partially_shipped: 'attention',
  shipped: 'success',
  cancel_requested: 'warning',
  cancelled: undefined,
};

/** An order's status as Shopify admin would show it. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  const [tone, progress] = orderTones[status] ?? [undefined, undefined];
  return (
    <Badge tone={tone} progress={progress}>
      {t(`orderStatus.${status}` as MessageKey)}
    </Badge>
  );
}

/** What became of one warehouse's part of an order. */
export function AllocationStatusBadge({ status }: { status: AllocationStatus }) {
  const { t } = useI18n();
  return <Badge tone={allocationTones[status]}>{t(`allocationStatus.${status}` as MessageKey)}</Badge>;
}
