import { Checkbox, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { useApi } from '../../api/api-context.js';
import type { OrderDetail } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { useI18n } from '../../i18n/i18n.js';
import { useToast } from '../../shell/toast.js';

/** The order actions a merchant can take. */
export type OrderAction = 'reroute' | 'hold' | 'release' | 'cancel';

const finalStatuses = ['shipped', 'delivered', 'cancelled', 'fulfilled_elsewhere'];
const openAllocation = ['reserved', 'ready', 'leased', 'acknowledged', 'partially_shipped'];

/** Which actions make sense for the order as it stands. */
export function availableActions(d: OrderDetail): Record<OrderAction, boolean> {
  const final = finalStatuses.includes(d.order.status);
  return {
    reroute: !final && d.order.status !== 'on_hold',
    hold: !final && d.order.status !== 'on_hold',
    release: d.order.status === 'on_hold',
    cancel: d.allocations.some((a) => openAllocation.includes(a.status)),
  };
}

/** The confirmation modal of one action; it calls the API and reports with a toast. */
export function OrderActionModal({
  action,
  order,
  onClose,
  onDone,
}: {
  action: OrderAction | null;
  order: OrderDetail['order'];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [fresh, setFresh] = useState(true);
  const [reason, setReason] = useState('');
  const base = `/orders/${order.id}`;
  const close = () => {
    setReason('');
    onClose();
  };
  const run = async (path: string, body: unknown, done: string) => {
    await api.post(path, body);
    toast.show(done);
    onDone();
  };
  if (action === 'reroute') {
    return (
      <ConfirmModal
        open
        title={t('order.rerouteTitle', { name: order.name })}
        confirmLabel={t('order.reroute')}
        onClose={close}
        onConfirm={() => run(`${base}/reroute`, { fresh }, t('order.rerouteDone', { name: order.name }))}
      >
        <Text as="p">{t('order.rerouteBody')}</Text>
        <Checkbox
          label={t('orders.rerouteFresh')}
          helpText={t('orders.rerouteFreshHelp')}
          checked={fresh}
          onChange={setFresh}
        />
      </ConfirmModal>
    );
  }
  if (action === 'hold') {
    return (
      <ConfirmModal
        open
        title={t('order.holdTitle', { name: order.name })}
        confirmLabel={t('order.hold')}
        confirmDisabled={!reason.trim()}
        onClose={close}
        onConfirm={() => run(`${base}/hold`, { reason: reason.trim() }, t('order.holdDone', { name: order.name }))}
      >
        <Text as="p">{t('order.holdBody')}</Text>
        <TextField
          label={t('order.holdReason')}
          value={reason}
          onChange={setReason}
          autoComplete="off"
          maxLength={200}
          placeholder={t('order.holdReasonPlaceholder')}
        />
      </ConfirmModal>
    );
  }
  if (action === 'release') {
    return (
      <ConfirmModal
        open
        title={t('order.releaseTitle', { name: order.name })}
        confirmLabel={t('order.release')}
        onClose={close}
        onConfirm={() => run(`${base}/release`, {}, t('order.releaseDone', { name: order.name }))}
      >
        <Text as="p">{t('order.releaseBody')}</Text>
      </ConfirmModal>
    );
  }
  if (action === 'cancel') {
    return (
      <ConfirmModal
        open
        destructive
        title={t('order.cancelTitle', { name: order.name })}
        confirmLabel={t('order.cancel')}
        onClose={close}
        onConfirm={() => run(`${base}/cancel-at-3pl`, {}, t('order.cancelDone', { name: order.name }))}
      >
        <Text as="p">{t('order.cancelBody')}</Text>
      </ConfirmModal>
    );
  }
  return null;
}
