import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Modal, Text, TextField } from '@shopify/polaris';
import { ClipboardIcon, KeyIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { useApi, useResource } from '../../api/api-context.js';
import type { FeedKey, NewFeedKey } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useToast } from '../../shell/toast.js';

/** Shows a secret once, with a copy button; closing it is the last chance to see it. */
export function SecretModal({ title, secret, note, onClose }: { title: string; secret: string | null; note: string; onClose(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      toast.show(t('keys.copied'));
    } catch {
      toast.show(t('keys.copyFailed'), { error: true });
    }
  };
  return (
    <Modal open={secret !== null} onClose={onClose} title={title} primaryAction={{ content: t('keys.done'), onAction: onClose }}>
      <Modal.Section>
        <BlockStack gap="300">
          <Banner tone="warning">{note}</Banner>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField label={t('keys.key')} value={secret ?? ''} readOnly autoComplete="off" monospaced selectTextOnFocus onChange={() => {}} />
            </div>
            <Button icon={ClipboardIcon} onClick={() => void copy()}>{t('keys.copy')}</Button>
          </InlineStack>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

/** The warehouse's 3PL API keys: create one (shown once), see when each was last used, revoke. */
export function ApiKeysCard({ warehouseId, feedDocs }: { warehouseId: number; feedDocs: string }) {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const res = useResource<{ items: FeedKey[] }>(`/warehouses/${warehouseId}/keys`);
  const [creating, setCreating] = useState(false);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<NewFeedKey | null>(null);
  const [revoking, setRevoking] = useState<FeedKey | null>(null);
  const keys = res.data?.items ?? [];

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">{t('keys.title')}</Text>
          <Button icon={KeyIcon} onClick={() => setCreating(true)}>{t('keys.create')}</Button>
        </InlineStack>
        <Text as="p" tone="subdued" variant="bodySm">{t('keys.help')} <a href={feedDocs} target="_blank" rel="noopener noreferrer">{t('keys.docs')}</a></Text>
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        {res.data && keys.length === 0 ? <Text as="p" tone="subdued">{t('keys.none')}</Text> : null}
        {keys.length ? (
          <BlockStack gap="0">
            {keys.map((k, i) => (
              <Box key={k.id} paddingBlock="300" borderBlockStartWidth={i > 0 ? '025' : '0'} borderColor="border-secondary">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <BlockStack gap="050">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span" fontWeight="semibold">{k.label}</Text>
                      <Text as="span" tone="subdued"><code>{k.prefix}…</code></Text>
                      {k.revokedAt ? <Badge>{t('keys.revoked')}</Badge> : <Badge tone="success">{t('keys.active')}</Badge>}
                    </InlineStack>
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('keys.created', { when: format.date(k.createdAt) })} · {k.lastUsedAt ? t('keys.lastUsed', { when: format.dateTime(k.lastUsedAt) }) : t('keys.neverUsed')}
                    </Text>
                  </BlockStack>
                  {k.revokedAt ? null : <Button variant="plain" tone="critical" onClick={() => setRevoking(k)} accessibilityLabel={t('keys.revokeTitle', { label: k.label })}>{t('keys.revoke')}</Button>}
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
      <ConfirmModal open={creating} title={t('keys.createTitle')} confirmLabel={t('keys.create')} confirmDisabled={!label.trim()} onClose={() => { setCreating(false); setLabel(''); }}
        onConfirm={async () => {
          const k = await api.post<NewFeedKey>(`/warehouses/${warehouseId}/keys`, { label: label.trim() });
          setLabel('');
          setCreated(k);
          res.reload();
        }}>
        <TextField label={t('keys.label')} value={label} onChange={setLabel} autoComplete="off" maxLength={60} helpText={t('keys.labelHelp')} />
      </ConfirmModal>
      <SecretModal title={t('keys.createdTitle')} secret={created?.key ?? null} note={t('keys.shownOnce')} onClose={() => setCreated(null)} />
      <ConfirmModal open={revoking !== null} destructive title={t('keys.revokeTitle', { label: revoking?.label ?? '' })} confirmLabel={t('keys.revoke')} onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await api.del(`/warehouses/${warehouseId}/keys/${revoking!.id}`);
          toast.show(t('keys.revokedToast'));
          res.reload();
        }}>
        <Text as="p">{t('keys.revokeBody')}</Text>
      </ConfirmModal>
    </Card>
  );
}
