import {
  BlockStack,
  Card,
  Checkbox,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
  TextField,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { serviceLevelZ } from '../../../../core/contracts/admin/service-level.js';
import { useApi, useResource } from '../../api/api-context.js';
import { fieldIssues } from '../../api/client.js';
import { sameData } from '../../api/same-data.js';
import type { ChannelsResponse, StockSettingsResponse } from '../../api/stock-types.js';
import type { ChannelListResponse } from '../../../../core/contracts/admin/channels.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SectionCard } from '../../components/section-card.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';
import { ChannelBuffers } from './channel-buffers.js';
import {
  draftOf,
  duplicateSuppliers,
  errorsByPath,
  settingsOf,
  type ReplenishmentDraft,
} from './replenishment-draft.js';
import { SupplierLeadTimes } from './supplier-lead-times.js';

function SettingsSkeleton() {
  return (
    <SkeletonPage backAction title="" primaryAction>
      <Layout>
        {[3, 5, 3, 5, 3, 4, 3].map((lines, i) => (
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

/** z for a service level typed as a percentage, when it is one the server would take. */
function zFor(percent: string): number | null {
  const p = Number(percent.replace(',', '.')) / 100;
  return p >= 0.5 && p <= 0.9999 ? serviceLevelZ(p) : null;
}

/** Service level, lead times, order cost, demand window, alert thresholds, A/B/C cut-offs, channel buffers and the daily digest. */
export function ReplenishmentSettingsPage() {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const res = useResource<StockSettingsResponse>('/stock-settings');
  const channels = useResource<ChannelsResponse>('/channels');
  // a marketplace account gets its buffer row before its first order arrives
  const accounts = useResource<ChannelListResponse>('/channel-accounts');
  const [saved, setSaved] = useState<ReplenishmentDraft | null>(null);
  const [draft, setDraft] = useState<ReplenishmentDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const loaded = !!res.data && (!!channels.data || !!channels.error) && (!!accounts.data || !!accounts.error);
  usePageReady('replenishment', !!draft);

  useEffect(() => {
    if (!loaded || !res.data) return;
    const d = draftOf(res.data.settings, [
      ...(channels.data?.items ?? []).map((c) => c.channel),
      ...(accounts.data?.accounts ?? []).map((a) => a.code),
    ]);
    setSaved(d);
    setDraft(d);
  }, [loaded, res.data, channels.data, accounts.data]);

  if (!draft || !saved) {
    return res.error ? (
      <Page title={t('repl.title')} backAction={{ content: t('nav.settings'), url: '/settings' }}>
        <ErrorBanner error={res.error} onRetry={res.reload} />
      </Page>
    ) : (
      <SettingsSkeleton />
    );
  }

  const set = (patch: Partial<ReplenishmentDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const duplicates = duplicateSuppliers(draft);
  const dirty = !sameData(draft, saved);
  const z = zFor(draft.serviceLevel);
  const currency = format.money(0).replace(/[\d\s.,]/g, '') || format.currency;
  const abcC = 100 - Number(draft.abcA.replace(',', '.')) - Number(draft.abcB.replace(',', '.'));
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const r = await api.put<StockSettingsResponse>('/stock-settings', settingsOf(draft));
      res.setData(() => r);
      setErrors({});
      toast.show(t('repl.saved'));
    } catch (e) {
      setErrors(errorsByPath(fieldIssues(e)));
      setFailure(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const field = (
    key: keyof ReplenishmentDraft & string,
    path: string,
    label: string,
    extra: { suffix?: string; help?: string; step?: number } = {},
  ) => (
    <TextField
      label={label}
      type="number"
      step={extra.step ?? 1}
      min={0}
      value={String(draft[key])}
      onChange={(v) => set({ [key]: v })}
      autoComplete="off"
      suffix={extra.suffix}
      helpText={extra.help}
      error={errors[path]}
    />
  );

  return (
    <Page
      title={t('repl.title')}
      subtitle={t('repl.subtitle')}
      backAction={{ content: t('nav.settings'), url: '/settings' }}
      primaryAction={{
        content: t('common.save'),
        loading: saving,
        disabled: !dirty || duplicates.size > 0,
        onAction: () => void save(),
      }}
      secondaryActions={[
        {
          content: t('common.discard'),
          disabled: !dirty,
          onAction: () => {
            setDraft(saved);
            setErrors({});
            setFailure(null);
          },
        },
      ]}
    >
      <BlockStack gap="500">
        {failure ? <ErrorBanner error={failure} title={t('repl.saveFailed')} /> : null}
        <Layout>
          <Layout.AnnotatedSection
            id="service"
            title={t('repl.section.service')}
            description={t('repl.section.serviceHelp')}
          >
            <SectionCard label={t('repl.section.service')}>
              {field('serviceLevel', 'serviceLevel', t('repl.serviceLevel'), {
                suffix: '%',
                step: 0.1,
                help: z === null ? t('repl.serviceLevelRange') : t('repl.serviceLevelHelp', { z: format.number(z, 2) }),
              })}
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="lead-times"
            title={t('repl.section.leadTimes')}
            description={t('repl.section.leadTimesHelp')}
          >
            <SectionCard label={t('repl.section.leadTimes')}>
              <BlockStack gap="400">
                {field('defaultLeadTimeDays', 'defaultLeadTimeDays', t('repl.defaultLeadTime'), {
                  suffix: t('purchasing.daysSuffix'),
                  help: t('repl.defaultLeadTimeHelp'),
                })}
                <SupplierLeadTimes
                  rows={draft.suppliers}
                  onChange={(suppliers) => set({ suppliers })}
                  errors={errors}
                  duplicates={duplicates}
                />
              </BlockStack>
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection id="eoq" title={t('repl.section.eoq')} description={t('repl.section.eoqHelp')}>
            <SectionCard label={t('repl.section.eoq')}>
              <FormLayout>
                <FormLayout.Group>
                  {field('orderCost', 'orderCost', t('repl.orderCost'), {
                    suffix: currency,
                    step: 0.01,
                    help: t('repl.orderCostHelp'),
                  })}
                  {field('holdingRate', 'holdingRatePerYear', t('repl.holdingRate'), {
                    suffix: '%',
                    help: t('repl.holdingRateHelp'),
                  })}
                </FormLayout.Group>
              </FormLayout>
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="demand"
            title={t('repl.section.demand')}
            description={t('repl.section.demandHelp')}
          >
            <SectionCard label={t('repl.section.demand')}>
              <FormLayout>
                {field('demandWindowDays', 'demandWindowDays', t('repl.demandWindow'), {
                  suffix: t('purchasing.daysSuffix'),
                  help: t('repl.demandWindowHelp'),
                })}
                <BlockStack gap="100">
                  <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300" alignItems="end">
                    {field('abcA', 'abcCutoffs.a', t('repl.abcA'), { suffix: '%' })}
                    {field('abcB', 'abcCutoffs.b', t('repl.abcB'), { suffix: '%' })}
                    <TextField
                      label={t('repl.abcC')}
                      value={Number.isFinite(abcC) ? format.number(abcC, 2) : '—'}
                      suffix="%"
                      disabled
                      autoComplete="off"
                    />
                  </InlineGrid>
                  {errors.abcCutoffs ? (
                    <Text as="p" tone="critical" variant="bodySm">
                      {errors.abcCutoffs}
                    </Text>
                  ) : (
                    <Text as="p" tone="subdued" variant="bodySm">
                      {t('repl.abcHelp')}
                    </Text>
                  )}
                </BlockStack>
              </FormLayout>
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="thresholds"
            title={t('repl.section.thresholds')}
            description={t('repl.section.thresholdsHelp')}
          >
            <SectionCard label={t('repl.section.thresholds')}>
              <FormLayout>
                <FormLayout.Group>
                  {field('overstockDays', 'overstockDays', t('repl.overstockDays'), {
                    suffix: t('purchasing.daysSuffix'),
                    help: t('repl.overstockDaysHelp'),
                  })}
                  {field('deadStockDays', 'deadStockDays', t('repl.deadStockDays'), {
                    suffix: t('purchasing.daysSuffix'),
                    help: t('repl.deadStockDaysHelp'),
                  })}
                </FormLayout.Group>
              </FormLayout>
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="buffers"
            title={t('repl.section.buffers')}
            description={t('repl.section.buffersHelp')}
          >
            <SectionCard label={t('repl.section.buffers')}>
              <ChannelBuffers
                rows={draft.buffers}
                onChange={(buffers) => set({ buffers })}
                errors={errors}
                measuredLag={res.data?.measuredLag ?? {}}
              />
            </SectionCard>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="digest"
            title={t('repl.section.digest')}
            description={t('repl.section.digestHelp')}
          >
            <SectionCard label={t('repl.section.digest')}>
              <FormLayout>
                <Checkbox
                  label={t('repl.digest')}
                  checked={draft.dailyDigest}
                  onChange={(dailyDigest) => set({ dailyDigest })}
                  error={errors.dailyDigest}
                />
                <TextField
                  label={t('repl.digestEmail')}
                  type="email"
                  value={draft.digestEmail}
                  onChange={(digestEmail) => set({ digestEmail })}
                  autoComplete="email"
                  disabled={!draft.dailyDigest}
                  error={errors.digestEmail}
                  placeholder="stock@example.com"
                />
                <Text as="p" variant="bodySm" tone="subdued">
                  {t('repl.digestNote')}
                </Text>
              </FormLayout>
            </SectionCard>
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
    </Page>
  );
}
