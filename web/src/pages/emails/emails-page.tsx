import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { useState } from 'react';
import type {
  EmailKindsResponse,
  EmailListResponse,
  EmailPreviewResponse,
  MailboxResponse,
} from '../../../../core/contracts/admin/emails.js';
import { useApi, useResource } from '../../api/api-context.js';
import type { ShopResponse } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** The outbox (parked e-mails can be retried), a preview of every template, and, in the demo, the mailbox. */
export function EmailsPage() {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const list = useResource<Json<EmailListResponse>>('/emails?limit=100');
  const kinds = useResource<EmailKindsResponse>('/emails/kinds');
  const shop = useResource<ShopResponse>('/shop');
  const [kind, setKind] = useState('shipped');
  const [lang, setLang] = useState<'en' | 'fr'>('en');
  const preview = useResource<EmailPreviewResponse>(`/emails/preview/${kind}?lang=${lang}`);
  const mailboxOn = shop.data?.email?.mailbox === true;
  const mailbox = useResource<MailboxResponse>(mailboxOn ? '/mailbox' : null);
  usePageReady('emails', !!list.data && !!preview.data);

  const retry = async (path: string) => {
    try {
      await api.post(path);
      list.reload();
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    }
  };
  const items = list.data?.items ?? [];
  const parked = list.data?.counts.parked ?? 0;
  const kindLabel = (k: string) => t(`customers.kind.${k}` as 'customers.kind.shipped');

  return (
    <Page
      title={t('nav.emails')}
      primaryAction={{
        content: t('emails.retryAll'),
        disabled: parked === 0,
        onAction: () => void retry('/emails/retry-parked'),
      }}
    >
      <Layout>
        <Layout.AnnotatedSection id="outbox" title={t('emails.outbox')} description={t('emails.outboxHelp')}>
          <Card>
            {list.error ? (
              <ErrorBanner error={list.error} onRetry={list.reload} />
            ) : !list.data ? (
              <SkeletonBodyText lines={6} />
            ) : items.length === 0 ? (
              <Text as="p" tone="subdued">
                {t('emails.none')}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={['text', 'text', 'text', 'text', 'text']}
                headings={[t('customers.emails'), t('emails.to'), '', '', '']}
                rows={items.map((e) => [
                  kindLabel(e.kind),
                  e.toAddress ?? '—',
                  <Badge
                    key="s"
                    tone={
                      e.status === 'sent'
                        ? 'success'
                        : e.status === 'parked'
                          ? 'critical'
                          : e.status === 'delegated'
                            ? 'info'
                            : 'attention'
                    }
                  >
                    {t(`customers.status.${e.status}` as 'customers.status.sent')}
                  </Badge>,
                  <Text key="d" as="span" variant="bodySm" tone="subdued">
                    {format.dateTime(e.sentAt ?? e.createdAt)}
                    {e.lastError ? ` · ${e.lastError}` : ''}
                  </Text>,
                  e.status === 'parked' ? (
                    <Button key="r" size="slim" onClick={() => void retry(`/emails/${e.id}/retry`)}>
                      {t('emails.retry')}
                    </Button>
                  ) : (
                    ''
                  ),
                ])}
              />
            )}
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection id="preview" title={t('emails.preview')} description={t('emails.previewHelp')}>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="300">
                <Select
                  label={t('customers.emails')}
                  options={(kinds.data?.kinds ?? [{ kind: 'shipped', audience: 'customer' }]).map((k) => ({
                    label: kindLabel(k.kind),
                    value: k.kind,
                  }))}
                  value={kind}
                  onChange={setKind}
                />
                <Select
                  label={t('settings.language')}
                  options={[
                    { label: 'English', value: 'en' },
                    { label: 'Français', value: 'fr' },
                  ]}
                  value={lang}
                  onChange={(v) => setLang(v === 'fr' ? 'fr' : 'en')}
                />
              </InlineStack>
              {preview.error ? (
                <ErrorBanner error={preview.error} onRetry={preview.reload} />
              ) : preview.data ? (
                <BlockStack gap="200">
                  <Text as="p" fontWeight="semibold">
                    {preview.data.subject}
                  </Text>
                  <Box borderColor="border" borderWidth="025" borderRadius="200" overflowX="hidden" overflowY="hidden">
                    <iframe
                      title={preview.data.subject}
                      sandbox=""
                      srcDoc={preview.data.html}
                      style={{ width: '100%', height: 560, border: 0, display: 'block' }}
                    />
                  </Box>
                </BlockStack>
              ) : (
                <SkeletonBodyText lines={10} />
              )}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
        {mailboxOn ? (
          <Layout.AnnotatedSection id="mailbox" title={t('emails.mailbox')} description={t('emails.mailboxHelp')}>
            <Card>
              {mailbox.error ? (
                <ErrorBanner error={mailbox.error} onRetry={mailbox.reload} />
              ) : !mailbox.data ? (
                <SkeletonBodyText lines={4} />
              ) : mailbox.data.messages.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t('emails.mailboxEmpty')}
                </Text>
              ) : (
                <BlockStack gap="300">
                  {mailbox.data.messages.slice(0, 30).map((m) => (
                    <details key={m.id}>
                      <summary>
                        <Text as="span" fontWeight="semibold">
                          {m.subject}
                        </Text>{' '}
                        <Text as="span" tone="subdued">
                          · {m.to.join(', ')} · {format.dateTime(m.receivedAt)}
                        </Text>
                      </summary>
                      {m.html ? (
                        <iframe
                          title={m.subject}
                          sandbox=""
                          srcDoc={m.html}
                          style={{ width: '100%', height: 520, border: 0 }}
                        />
                      ) : (
                        <pre>{m.text}</pre>
                      )}
                    </details>
                  ))}
                </BlockStack>
              )}
            </Card>
          </Layout.AnnotatedSection>
        ) : null}
      </Layout>
    </Page>
  );
}
