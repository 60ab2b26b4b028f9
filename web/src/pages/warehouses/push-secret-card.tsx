import { BlockStack, Box, Button, Card, InlineStack, Select, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useApi } from '../../api/api-context.js';
import type { PushSecretRotated, Warehouse } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { SecretModal } from '../../components/secret-modal.js';
import { useI18n } from '../../i18n/i18n.js';

const OVERLAPS = [0, 1, 24, 168] as const;

/**
 * The signing secret of a push warehouse: rotate it, with the replaced secret still signing
 * for a while so the 3PL can switch without refusing an order (none at all after a leak).
 */
export function PushSecretCard({ warehouse, onRotated }: { warehouse: Warehouse; onRotated(w: Warehouse): void }) {
  const { t, format } = useI18n();
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [overlap, setOverlap] = useState('24');
  const [secret, setSecret] = useState<string | null>(null);
  const until = warehouse.pushSecretPreviousValidUntil;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
          <Text as="p" tone="subdued" variant="bodySm">
            {t('secret.help')}
          </Text>
          <Box minWidth="fit-content">
            <Button onClick={() => setAsking(true)}>{t('secret.rotate')}</Button>
          </Box>
        </InlineStack>
        {until && new Date(until) > new Date() ? (
          <Text as="p">{t('secret.overlapUntil', { when: format.dateTime(until) })}</Text>
        ) : null}
      </BlockStack>
      <ConfirmModal
        open={asking}
        title={t('secret.rotateTitle')}
        confirmLabel={t('secret.rotate')}
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          const r = await api.post<PushSecretRotated>(`/warehouses/${warehouse.id}/push-secret`, {
            overlapHours: Number(overlap),
          });
          setAsking(false);
          setSecret(r.pushSecret);
          onRotated(r.warehouse);
        }}
      >
        <BlockStack gap="300">
          <Text as="p">{t('secret.rotateBody')}</Text>
          <Select
            label={t('secret.overlap')}
            value={overlap}
            onChange={setOverlap}
            options={OVERLAPS.map((h) => ({ value: String(h), label: t(`secret.overlap.${h}`) }))}
          />
        </BlockStack>
      </ConfirmModal>
      <SecretModal
        title={t('wh.pushSecretTitle')}
        secret={secret}
        note={t('wh.pushSecretNote')}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
