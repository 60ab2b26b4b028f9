import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from '@shopify/polaris';
import { KeyIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { useApi, useResource } from '../../api/api-context.js';
import type { FeedKey } from '../../api/types.js';
import { ConfirmModal } from '../../components/confirm-modal.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useToast } from '../../shell/toast.js';
import { CreateKeyModal } from './create-key-modal.js';

/** The warehouse's 3PL API keys: create one (shown once), see when each was last used, revoke. */
export function ApiKeysCard({ warehouseId, feedDocs }: { warehouseId: number; feedDocs: string }) {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const res = useResource<{ items: FeedKey[] }>(`/warehouses/${warehouseId}/keys`);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<FeedKey | null>(null);
  const keys = res.data?.items ?? [];

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
          <Text as="p" tone="subdued" variant="bodySm">
            {t('keys.help')}{' '}
            <a href={feedDocs} target="_blank" rel="noopener noreferrer">
              {t('keys.docs')}
            </a>
          </Text>
          <Box minWidth="fit-content">
            <Button icon={KeyIcon} onClick={() => setCreating(true)}>
              {t('keys.create')}
            </Button>
          </Box>
        </InlineStack>
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        {res.data && keys.length === 0 ? (
          <Text as="p" tone="subdued">
            {t('keys.none')}
          </Text>
        ) : null}
        {keys.length ? (
          <BlockStack gap="0">
            {keys.map((k, i) => (
              <Box
                key={k.id}
                paddingBlock="300"
                borderBlockStartWidth={i > 0 ? '025' : '0'}
                borderColor="border-secondary"
              >
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <BlockStack gap="050">
                    <InlineStack gap="200" blockAlign="center" align="start">
                      <Text as="span" fontWeight="semibold">
                        {k.label}
                      </Text>
                      <Text as="span" tone="subdued">
                        <code>{k.prefix}…</code>
                      </Text>
                      {k.revokedAt ? (
                        <Badge>{t('keys.revoked')}</Badge>
                      ) : (
                        <Badge tone="success">{t('keys.active')}</Badge>
                      )}
                    </InlineStack>
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('keys.created', { when: format.date(k.createdAt) })} ·{' '}
                      {k.lastUsedAt ? t('keys.lastUsed', { when: format.dateTime(k.lastUsedAt) }) : t('keys.neverUsed')}
                    </Text>
                  </BlockStack>
                  {k.revokedAt ? null : (
                    <Button
                      variant="plain"
                      tone="critical"
                      onClick={() => setRevoking(k)}
                      accessibilityLabel={t('keys.revokeNamed', { label: k.label })}
                    >
                      {t('keys.revoke')}
                    </Button>
                  )}
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
      <CreateKeyModal
        open={creating}
        warehouseId={warehouseId}
        onClose={() => setCreating(false)}
        onCreated={res.reload}
      />
      <ConfirmModal
        open={revoking !== null}
        destructive
        title={t('keys.revokeTitle', { label: revoking?.label ?? '' })}
        confirmLabel={t('keys.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await api.del(`/warehouses/${warehouseId}/keys/${revoking!.id}`);
          toast.show(t('keys.revokedToast'));
          res.reload();
        }}
      >
        <Text as="p">{t('keys.revokeBody')}</Text>
      </ConfirmModal>
    </Card>
  );
}
