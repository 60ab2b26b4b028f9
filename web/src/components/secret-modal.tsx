import { Banner, BlockStack, Box, Button, InlineStack, Modal, TextField } from '@shopify/polaris';
import { ClipboardIcon } from '@shopify/polaris-icons';
import { useI18n } from '../i18n/i18n.js';
import { useToast } from '../shell/toast.js';

/** A secret shown once: the warning, the value ready to select, and a copy button. */
export function SecretField({ secret, note }: { secret: string; note: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      toast.show(t('keys.copied'));
    } catch {
      toast.show(t('keys.copyFailed'), { error: true });
    }
  };
  return (
    <BlockStack gap="300">
      <Banner tone="warning">{note}</Banner>
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <Box width="100%">
          <TextField
            label={t('keys.key')}
            value={secret}
            readOnly
            autoComplete="off"
            monospaced
            selectTextOnFocus
            onChange={() => {}}
          />
        </Box>
        <Button icon={ClipboardIcon} onClick={() => void copy()}>
          {t('keys.copy')}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Shows a secret once; closing it is the last chance to see it. */
export function SecretModal({
  title,
  secret,
  note,
  onClose,
}: {
  title: string;
  secret: string | null;
  note: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={secret !== null}
      onClose={onClose}
      title={title}
      primaryAction={{ content: t('keys.done'), onAction: onClose }}
    >
      <Modal.Section>{secret !== null ? <SecretField secret={secret} note={note} /> : null}</Modal.Section>
    </Modal>
  );
}
