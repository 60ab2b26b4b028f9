import {
  BlockStack,
  Card,
  Checkbox,
  ChoiceList,
  Layout,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { ReturnPolicyDto } from '../../../../core/contracts/admin/returns.js';
import { fieldIssues } from '../../api/client.js';
import { sameData } from '../../api/same-data.js';
import { useApi, useResource } from '../../api/api-context.js';
import type { WarehouseList } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The shop's return policy: whether customers may ask from the tracking page and for how long,
 * what never comes back, what is approved without the merchant, when the refund goes out, where
 * returns are sent and what one costs. Receipt and grading arrive together from the 3PL, so the
 * refund is either automatic after both or the merchant's.
 */
export function ReturnsPolicyPage() {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const res = useResource<ReturnPolicyDto>('/returns/policy');
  const warehouses = useResource<WarehouseList>('/warehouses');
  const [draft, setDraft] = useState<ReturnPolicyDto | null>(null);
  const [skus, setSkus] = useState('');
  const [tags, setTags] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  usePageReady('returns-policy', !!draft);

  useEffect(() => {
    if (!res.data) return;
    setDraft(res.data);
    setSkus(res.data.excludedSkus.join(', '));
    setTags(res.data.excludedTags.join(', '));
  }, [res.data]);

  if (!draft) {
    return (
      <Page title={t('returns.policy.title')} backAction={{ content: t('nav.returns'), url: '/returns' }}>
        {res.error ? (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        ) : (
          <Card>
            <SkeletonBodyText lines={8} />
          </Card>
        )}
      </Page>
    );
  }
  const next: ReturnPolicyDto = { ...draft, excludedSkus: list(skus), excludedTags: list(tags) };
  const dirty = !sameData(next, res.data);
  const set = (patch: Partial<ReturnPolicyDto>) => setDraft({ ...draft, ...patch });
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const saved = await api.put<ReturnPolicyDto>('/returns/policy', next);
      res.setData(() => saved);
      setErrors({});
      toast.show(t('returns.policy.saved'));
    } catch (e) {
      setErrors(
        Object.fromEntries(fieldIssues(e).map((i) => [i.path.replace(/^body\./, '').split('.')[0]!, i.message])),
      );
      setFailure(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const number = (v: string) => (v.trim() === '' || Number.isNaN(Number(v)) ? 0 : Number(v));

  return (
    <Page
      title={t('returns.policy.title')}
      backAction={{ content: t('nav.returns'), url: '/returns' }}
      primaryAction={{ content: t('common.save'), disabled: !dirty, loading: saving, onAction: () => void save() }}
    >
      <BlockStack gap="500">
        {failure ? <ErrorBanner error={failure} title={t('returns.policy.saveFailed')} /> : null}
        <Layout>
          <Layout.AnnotatedSection
            title={t('returns.policy.customers')}
            description={t('returns.policy.customersHelp')}
          >
            <Card>
              <BlockStack gap="300">
                <Checkbox
                  label={t('returns.policy.customerRequests')}
                  checked={draft.customerRequests}
                  onChange={(v) => set({ customerRequests: v })}
                />
                <TextField
                  label={t('returns.policy.windowDays')}
                  type="number"
                  min={0}
                  max={365}
                  autoComplete="off"
                  suffix={t('returns.policy.days')}
                  value={String(draft.windowDays)}
                  onChange={(v) => set({ windowDays: number(v) })}
                  error={errors.windowDays}
                  helpText={t('returns.policy.windowHelp')}
                />
                <TextField
                  label={t('returns.policy.excludedSkus')}
                  multiline={2}
                  autoComplete="off"
                  value={skus}
                  onChange={setSkus}
                  error={errors.excludedSkus}
                  helpText={t('returns.policy.listHelp')}
                />
                <TextField
                  label={t('returns.policy.excludedTags')}
                  multiline={2}
                  autoComplete="off"
                  value={tags}
                  onChange={setTags}
                  error={errors.excludedTags}
                  helpText={t('returns.policy.tagsHelp')}
                />
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t('returns.policy.approval')} description={t('returns.policy.approvalHelp')}>
            <Card>
              <BlockStack gap="300">
                <Checkbox
                  label={t('returns.policy.autoApprove')}
                  helpText={t('returns.policy.autoApproveHelp')}
                  checked={draft.autoApprove}
                  onChange={(v) => set({ autoApprove: v })}
                />
                <Select
                  label={t('returns.policy.refundOn')}
                  value={draft.refundOn === 'manual' ? 'manual' : 'grading'}
                  onChange={(v) => set({ refundOn: v as ReturnPolicyDto['refundOn'] })}
                  options={[
                    { value: 'grading', label: t('returns.policy.refundOn.grading') },
                    { value: 'manual', label: t('returns.policy.refundOn.manual') },
                  ]}
                />
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t('returns.policy.where')} description={t('returns.policy.whereHelp')}>
            <Card>
              <BlockStack gap="300">
                {warehouses.error ? <ErrorBanner error={warehouses.error} onRetry={warehouses.reload} /> : null}
                {warehouses.data ? (
                  <ChoiceList
                    allowMultiple
                    title={t('returns.policy.warehouses')}
                    selected={draft.returnWarehouseIds.map(String)}
                    onChange={(v) => set({ returnWarehouseIds: v.map(Number) })}
                    choices={warehouses.data.items
                      .filter((w) => w.active)
                      .map((w) => ({ value: String(w.id), label: `${w.name} (${w.code})` }))}
                  />
                ) : (
                  <SkeletonBodyText lines={3} />
                )}
                <Text as="p" variant="bodySm" tone="subdued">
                  {t('returns.policy.warehousesHelp')}
                </Text>
                <TextField
                  label={t('returns.policy.costPerReturn')}
                  type="number"
                  min={0}
                  step={0.5}
                  autoComplete="off"
                  value={String(draft.costPerReturn)}
                  onChange={(v) => set({ costPerReturn: number(v) })}
                  error={errors.costPerReturn}
                  helpText={t('returns.policy.costHelp')}
                />
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
    </Page>
  );
}
