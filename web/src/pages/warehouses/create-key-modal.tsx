import { Banner, BlockStack, Modal, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { useApi } from '../../api/api-context.js';
import type { NewFeedKey } from '../../api/types.js';
import { SecretField } from '../../components/secret-modal.js';
import { useI18n } from '../../i18n/i18n.js';

/** One modal, two steps: name the key, then see it once (no second modal sliding in over the first). */
export function CreateKeyModal({
  open,
  warehouseId,
  onClose,
  onCreated,
}: {
  open: boolean;
  warehouseId: number;
  onClose(): void;
  onCreated(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<NewFeedKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setLabel('');
    setCreated(null);
    setError(null);
    onClose();
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.post<NewFeedKey>(`/warehouses/${warehouseId}/keys`, { label: label.trim() }));
      onCreated();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (created) {
    return (
      <Modal
        open={open}
        onClose={close}
        title={t('keys.createdTitle')}
        primaryAction={{ content: t('keys.done'), onAction: close }}
      >
        <Modal.Section>
          <SecretField secret={created.key} note={t('keys.shownOnce')} />
        </Modal.Section>
      </Modal>
    );
  }
  return (
    <Modal
      open={open}
      onClose={close}
      title={t('keys.createTitle')}
      primaryAction={{
        content: t('keys.create'),
        loading: busy,
        disabled: !label.trim(),
        onAction: () => void create(),
      }}
      secondaryActions={[{ content: t('common.cancel'), onAction: close, disabled: busy }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {error ? <Banner tone="critical">{error}</Banner> : null}
          <TextField
            label={t('keys.label')}
            value={label}
            onChange={setLabel}
            autoComplete="off"
            maxLength={60}
            helpText={t('keys.labelHelp')}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
