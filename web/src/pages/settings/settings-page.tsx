import {
  Badge,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  InlineStack,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { sameData } from '../../api/same-data.js';
import { useApi, useResource } from '../../api/api-context.js';
import type { Language, ShopResponse, ShopSettings } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useShop } from '../../shell/shop-context.js';
import { useToast } from '../../shell/toast.js';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </InlineStack>
  );
}

/** The shop's policy (unpaid orders, who notifies customers), the app's language, and the Shopify connection. */
export function SettingsPage() {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { settings, applySettings } = useShop();
  const info = useResource<ShopResponse>('/shop');
  const [draft, setDraft] = useState<ShopSettings>(settings);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [reconciling, setReconciling] = useState(false);
  usePageReady('settings', true);
  useEffect(() => setDraft(settings), [settings]);

  const dirty = !sameData(draft, settings);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await api.patch<{ settings: ShopSettings }>('/settings', draft);
      applySettings(r.settings);
      // the toast speaks the language just chosen
      toast.show(r.settings.language === 'fr' ? 'Réglages enregistrés' : 'Settings saved');
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const reconcile = async () => {
    setReconciling(true);
    try {
      await api.post('/reconciliation/run');
      toast.show(t('settings.reconcileQueued'));
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    } finally {
      setReconciling(false);
    }
  };
  const s = info.data;

  return (
    <Page
      title={t('nav.settings')}
      primaryAction={{ content: t('common.save'), disabled: !dirty, loading: saving, onAction: () => void save() }}
      secondaryActions={[{ content: t('common.discard'), disabled: !dirty, onAction: () => setDraft(settings) }]}
    >
      <BlockStack gap="500">
        {error ? <ErrorBanner error={error} title={t('settings.saveFailed')} /> : null}
        <Layout>
          <Layout.AnnotatedSection id="routing" title={t('settings.routing')} description={t('settings.routingHelp')}>
            <Card>
              <Checkbox
                label={t('settings.routeUnpaid')}
                helpText={t('settings.routeUnpaidHelp')}
                checked={draft.routeUnpaidOrders}
                onChange={(routeUnpaidOrders) => setDraft({ ...draft, routeUnpaidOrders })}
              />
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection id="notify" title={t('settings.notify')} description={t('settings.notifyHelp')}>
            <Card>
              <BlockStack gap="300">
                <Text as="p">{t('settings.notifyExactlyOne')}</Text>
                <ChoiceList
                  title={t('settings.notifyFrom')}
                  titleHidden
                  choices={[
                    {
                      label: t('settings.notifyShopifyLabel'),
                      value: 'shopify',
                      helpText: t('settings.notifyShopifyExplain'),
                    },
                    {
                      label: t('settings.notifyAppLabel'),
                      value: 'app',
                      disabled: info.data?.email?.configured === false,
                      helpText:
                        info.data?.email?.configured === false
                          ? t('settings.notifyAppUnavailable')
                          : t('settings.notifyAppExplain'),
                    },
                  ]}
                  selected={[draft.notifyCustomerFrom]}
                  onChange={(v) => setDraft({ ...draft, notifyCustomerFrom: v[0] === 'app' ? 'app' : 'shopify' })}
                />
                <TextField
                  label={t('settings.logoUrl')}
                  type="url"
                  autoComplete="off"
                  value={draft.logoUrl ?? ''}
                  onChange={(v) => setDraft({ ...draft, logoUrl: v.trim() || null })}
                  placeholder="https://…"
                />
                <TextField
                  label={t('settings.brandColor')}
                  autoComplete="off"
                  value={draft.brandColor ?? ''}
                  onChange={(v) => setDraft({ ...draft, brandColor: v.trim() || null })}
                  placeholder="#1f5f8b"
                />
                <InlineStack align="end">
                  <Button url="/emails">{t('settings.emailsLink')}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="replenishment"
            title={t('settings.replenishment')}
            description={t('settings.replenishmentHelp')}
          >
            <Card>
              <InlineStack align="space-between" blockAlign="center" gap="300">
                <Text as="p">{t('settings.replenishmentBody')}</Text>
                <Button url="/settings/replenishment">{t('settings.replenishmentEdit')}</Button>
              </InlineStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="language"
            title={t('settings.language')}
            description={t('settings.languageHelp')}
          >
            <Card>
              <Select
                label={t('settings.language')}
                labelHidden
                options={[
                  { label: 'English', value: 'en' },
                  { label: 'Français', value: 'fr' },
                ]}
                value={draft.language}
                onChange={(v) => setDraft({ ...draft, language: v as Language })}
              />
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection id="shopify" title={t('settings.shopify')} description={t('settings.shopifyHelp')}>
            <Card>
              {s ? (
                <BlockStack gap="200">
                  <Row label={t('settings.shop')} value={s.shop.domain} />
                  <Row label={t('settings.currency')} value={s.shop.currency} />
                  <Row label={t('settings.timezone')} value={s.shop.timezone} />
                  <Row label={t('settings.installed')} value={format.date(s.shop.installedAt)} />
                  <InlineStack align="space-between" gap="200">
                    <Text as="span" tone="subdued">
                      {t('settings.import')}
                    </Text>
                    {s.import ? (
                      <Badge
                        tone={
                          s.import.status === 'completed'
                            ? 'success'
                            : s.import.status === 'failed'
                              ? 'critical'
                              : 'attention'
                        }
                      >
                        {t(
                          `settings.importStatus.${s.import.status === 'completed' || s.import.status === 'failed' ? s.import.status : 'running'}`,
                        )}
                      </Badge>
                    ) : (
                      <Text as="span">—</Text>
                    )}
                  </InlineStack>
                  <Row
                    label={t('settings.lastReconcile')}
                    value={
                      s.lastReconciliation
                        ? t('settings.reconcileSummary', {
                            when: format.dateTime(s.lastReconciliation.finishedAt ?? s.lastReconciliation.startedAt),
                            count: s.lastReconciliation.repaired,
                          })
                        : '—'
                    }
                  />
                  <InlineStack align="end">
                    <Button onClick={() => void reconcile()} loading={reconciling}>
                      {t('settings.reconcileNow')}
                    </Button>
                  </InlineStack>
                </BlockStack>
              ) : info.error ? (
                <ErrorBanner error={info.error} onRetry={info.reload} />
              ) : (
                <SkeletonBodyText lines={7} />
              )}
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
    </Page>
  );
}
