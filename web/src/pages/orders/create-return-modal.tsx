import { BlockStack, InlineGrid, Select, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { returnReasons, type ReturnReason } from '../../../../core/contracts/admin/return-reasons.js';
import { useApi } from '../../api/api-context.js';
import type { OrderDetail } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';
import { useToast } from '../../shell/toast.js';

/** Units of each order line the warehouses shipped: only those can come back. */
export function shippedByLine(d: OrderDetail): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const a of d.allocations)
    for (const l of a.lines) shipped.set(l.orderLineId, (shipped.get(l.orderLineId) ?? 0) + l.shippedQuantity);
  return shipped;
}

interface Row {
  quantity: string;
  reason: ReturnReason;
}

/**
 * The merchant's door to returns: the units to take back per shipped line and why. The shop's
 * return rules decide as for any request; a refusal stays in the modal with its reason.
 */
export function CreateReturnModal({ detail, onClose }: { detail: OrderDetail; onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const shipped = shippedByLine(detail);
  const lines = detail.lines.filter((l) => (shipped.get(l.id) ?? 0) > 0);
  const [rows, setRows] = useState<Record<number, Row>>({});
  const row = (id: number): Row => rows[id] ?? { quantity: '0', reason: 'changed_mind' };
  const chosen = lines
    .map((l) => ({ line: l, ...row(l.id), units: Number(row(l.id).quantity) }))
    .filter((r) => Number.isInteger(r.units) && r.units > 0);
  const valid = chosen.length > 0 && chosen.every((r) => r.units <= (shipped.get(r.line.id) ?? 0));
  const create = async () => {
    const res = await api.post<{ id: number; rma: string }>('/returns', {
      orderId: detail.order.id,
      lines: chosen.map((r) => ({ orderLineId: r.line.id, quantity: r.units, reason: r.reason })),
    });
    toast.show(t('order.createReturnDone', { rma: res.rma }));
    navigate(`/returns/${res.id}`);
  };
  return (
    <ConfirmModal
      open
      title={t('order.createReturnTitle', { name: detail.order.name })}
      confirmLabel={t('order.createReturn')}
      confirmDisabled={!valid}
      onClose={onClose}
      onConfirm={create}
    >
      <BlockStack gap="300">
        <Text as="p">{t('order.createReturnBody')}</Text>
        {lines.length === 0 ? <Text as="p">{t('order.createReturnNothingShipped')}</Text> : null}
        {lines.map((l) => (
          <InlineGrid key={l.id} columns={['twoThirds', 'oneThird']} gap="200">
            <TextField
              label={`${l.title}${l.sku ? ` (${l.sku})` : ''}`}
              type="number"
              min={0}
              max={shipped.get(l.id)}
              autoComplete="off"
              helpText={t('order.createReturnShipped', { count: shipped.get(l.id) ?? 0 })}
              value={row(l.id).quantity}
              onChange={(v) => setRows({ ...rows, [l.id]: { ...row(l.id), quantity: v } })}
            />
            <Select
              label={t('order.createReturnReason')}
              options={returnReasons.map((r) => ({ value: r, label: t(`returns.reason.${r}` as MessageKey) }))}
              value={row(l.id).reason}
              onChange={(v) => setRows({ ...rows, [l.id]: { ...row(l.id), reason: v as ReturnReason } })}
            />
          </InlineGrid>
        ))}
      </BlockStack>
    </ConfirmModal>
  );
}
