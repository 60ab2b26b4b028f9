import { Banner, BlockStack, Card, Layout, Page, SkeletonBodyText, SkeletonPage, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { ApiError, fieldIssues } from '../../api/client.js';
import { sameData } from '../../api/same-data.js';
import { useApi, useResource } from '../../api/api-context.js';
import type { ShopifyLocation, Warehouse, WarehouseSaved } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useShop } from '../../shell/shop-context.js';
import { useToast } from '../../shell/toast.js';
import { SecretModal } from '../../components/secret-modal.js';
import { ApiKeysCard } from './api-keys-card.js';
import { PushSecretCard } from './push-secret-card.js';
import { draftOf, emptyDraft, errorsByPath, inputOf, type WarehouseDraft } from './warehouse-draft.js';
import { WarehouseForm } from './warehouse-form.js';

function FormSkeleton() {
  return (
    <SkeletonPage backAction title="" primaryAction>
      <Layout>
        {[6, 5, 4, 6].map((lines, i) => (
          <Layout.AnnotatedSection
            key={i}
            title={<SkeletonBodyText lines={1} />}
            description={<SkeletonBodyText lines={2} />}
          >
            <Card>
              <SkeletonBodyText lines={lines} />
            </Card>
          </Layout.AnnotatedSection>
        ))}
      </Layout>
    </SkeletonPage>
  );
}

/** Creates a warehouse (`id` = `new`) or edits one, with its 3PL API keys. */
export function WarehousePage({ id }: { id: string }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const isNew = id === 'new';
  const res = useResource<Warehouse>(isNew ? null : `/warehouses/${encodeURIComponent(id)}`);
  const locations = useResource<{ items: ShopifyLocation[] }>('/locations');
  const [draft, setDraft] = useState<WarehouseDraft | null>(() => (isNew ? emptyDraft(shop.timezone, 'FR') : null));
  const [saved, setSaved] = useState<WarehouseDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const [pushSecret, setPushSecret] = useState<string | null>(null);
  usePageReady(isNew ? 'warehouse-new' : 'warehouse', !!draft);

  useEffect(() => {
    if (res.data) {
      const d = draftOf(res.data);
      setDraft(d);
      setSaved(d);
    }
  }, [res.data]);

  if (!draft) {
    return res.error ? (
      <Page title={t('wh.editTitle')} backAction={{ content: t('nav.warehouses'), url: '/warehouses' }}>
        {res.error instanceof ApiError && res.error.status === 404 ? (
          <Banner tone="warning" title={t('wh.notFound')} />
        ) : (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        )}
      </Page>
    ) : (
      <FormSkeleton />
    );
  }

  const dirty = isNew || !sameData(draft, saved);
  const set = (patch: Partial<WarehouseDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const body = inputOf(draft);
      const r = isNew
        ? await api.post<WarehouseSaved>('/warehouses', body)
        : await api.put<WarehouseSaved>(`/warehouses/${id}`, body);
      setErrors({});
      toast.show(isNew ? t('wh.created', { name: r.warehouse.name }) : t('wh.saved', { name: r.warehouse.name }));
      if (r.pushSecret) setPushSecret(r.pushSecret);
      if (isNew) navigate(`/warehouses/${r.warehouse.id}`, { replace: true });
      else res.setData(() => r.warehouse);
    } catch (e) {
      setErrors(errorsByPath(fieldIssues(e)));
      setFailure(e as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page
      title={isNew ? t('wh.newTitle') : draft.name || t('wh.editTitle')}
      subtitle={isNew ? undefined : draft.code}
      backAction={{ content: t('nav.warehouses'), url: '/warehouses' }}
      primaryAction={{ content: t('common.save'), loading: saving, disabled: !dirty, onAction: () => void save() }}
      secondaryActions={
        !isNew && saved
          ? [
              {
                content: t('common.discard'),
                disabled: !dirty,
                onAction: () => {
                  setDraft(saved);
                  setErrors({});
                  setFailure(null);
                },
              },
            ]
          : []
      }
    >
      <BlockStack gap="500">
        {failure ? <ErrorBanner error={failure} title={t('wh.saveFailed')} /> : null}
        {locations.error ? (
          <Banner tone="warning">{t('wh.locationsFailed', { message: locations.error.message })}</Banner>
        ) : null}
        <WarehouseForm draft={draft} set={set} errors={errors} locations={locations.data?.items ?? []} />
        {!isNew ? (
          <Layout>
            <Layout.AnnotatedSection id="keys" title={t('wh.section.keys')} description={t('wh.section.keysHelp')}>
              <ApiKeysCard warehouseId={Number(id)} feedDocs="/feed/v1/docs" />
            </Layout.AnnotatedSection>
            {res.data?.dispatchStyle === 'http' && res.data.hasPushSecret ? (
              <Layout.AnnotatedSection
                id="push-secret"
                title={t('secret.section')}
                description={t('secret.sectionHelp')}
              >
                <PushSecretCard warehouse={res.data} onRotated={(w) => res.setData(() => w)} />
              </Layout.AnnotatedSection>
            ) : null}
          </Layout>
        ) : (
          <Text as="p" tone="subdued" alignment="center">
            {t('wh.keysAfterSave')}
          </Text>
        )}
      </BlockStack>
      <SecretModal
        title={t('wh.pushSecretTitle')}
        secret={pushSecret}
        note={t('wh.pushSecretNote')}
        onClose={() => setPushSecret(null)}
      />
    </Page>
  );
}
