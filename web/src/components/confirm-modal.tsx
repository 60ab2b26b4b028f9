import { Banner, BlockStack, Modal } from '@shopify/polaris';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** What a confirmation modal asks. */
export interface ConfirmModalProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  destructive?: boolean;
  /** Disables the confirm button (a required field is empty, say). */
  confirmDisabled?: boolean;
  children: ReactNode;
  /** Runs the action; a thrown error stays in the modal so the merchant can read it. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** A modal that asks before an action and shows the server's answer if it fails. */
export function ConfirmModal(p: ConfirmModalProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setError(null);
    p.onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await p.onConfirm();
      setBusy(false);
      p.onClose();
    } catch (e) {
      setBusy(false);
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open={p.open}
      onClose={close}
      title={p.title}
      primaryAction={{
        content: p.confirmLabel,
        destructive: p.destructive,
        loading: busy,
        disabled: p.confirmDisabled,
        onAction: () => void confirm(),
      }}
      secondaryActions={[{ content: t('common.cancel'), onAction: close, disabled: busy }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {error ? <Banner tone="critical">{error}</Banner> : null}
          {p.children}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
