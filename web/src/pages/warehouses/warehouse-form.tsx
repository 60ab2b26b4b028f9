import {
  BlockStack,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineStack,
  Layout,
  Select,
  Text,
  TextField,
} from '@shopify/polaris';
import { useMemo } from 'react';
import { SectionCard } from '../../components/section-card.js';
import type { ShopifyLocation } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import type { WarehouseDraft } from './warehouse-draft.js';
import { ZonesSection } from './zones-section.js';

/** What every form section gets: the draft, a way to change it, and the server's field errors. */
export interface SectionProps {
  draft: WarehouseDraft;
  set(patch: Partial<WarehouseDraft>): void;
  errors: Record<string, string>;
}

const timeZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'UTC'];
  }
};

function WorkingDays({ draft, set, errors }: SectionProps) {
  const { format } = useI18n();
  // 2024-01-01 was a Monday: ISO day n is 2024-01-0n
  const dayName = (n: number) =>
    new Intl.DateTimeFormat(format.locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, n)),
    );
  const toggle = (n: number, on: boolean) =>
    set({
      workingDays: on ? [...new Set([...draft.workingDays, n])].sort() : draft.workingDays.filter((d) => d !== n),
    });
  return (
    <BlockStack gap="100">
      <InlineStack gap="300">
        {[1, 2, 3, 4, 5, 6, 7].map((n) => (
          <Checkbox
            key={n}
            label={dayName(n)}
            checked={draft.workingDays.includes(n)}
            onChange={(on) => toggle(n, on)}
          />
        ))}
      </InlineStack>
      {errors.workingDays ? (
        <Text as="p" tone="critical" variant="bodySm">
          {errors.workingDays}
        </Text>
      ) : null}
    </BlockStack>
  );
}

/** The warehouse form: who it is, where it is, when it ships, where it ships to and at what cost, how it gets its orders. */
export function WarehouseForm({ draft, set, errors, locations }: SectionProps & { locations: ShopifyLocation[] }) {
  const { t, language } = useI18n();
  const zones = useMemo(() => timeZones().map((z) => ({ label: z.replaceAll('_', ' '), value: z })), []);
  const countryName = useMemo(() => {
    try {
      const names = new Intl.DisplayNames([language], { type: 'region' });
      return (c: string) => (/^[A-Z]{2}$/i.test(c) ? (names.of(c.toUpperCase()) ?? '') : '');
    } catch {
      return () => '';
    }
  }, [language]);
  const locationOptions = [
    { label: t('wh.location.none'), value: 'none' },
    ...locations.map((l) => ({
      label: `${l.name}${l.address?.city ? ` — ${l.address.city}` : ''}${l.active ? '' : ` (${t('wh.location.inactive')})`}`,
      value: l.id,
    })),
    ...(draft.location !== 'none' && !locations.some((l) => l.id === draft.location)
      ? [{ label: draft.location, value: draft.location }]
      : []),
  ];
  return (
    <Layout>
      <Layout.AnnotatedSection id="general" title={t('wh.section.general')} description={t('wh.section.generalHelp')}>
        <SectionCard label={t('wh.section.general')}>
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label={t('wh.name')}
                value={draft.name}
                onChange={(name) => set({ name })}
                autoComplete="off"
                error={errors.name}
                requiredIndicator
              />
              <TextField
                label={t('wh.code')}
                value={draft.code}
                onChange={(code) => set({ code: code.toUpperCase() })}
                autoComplete="off"
                error={errors.code}
                helpText={t('wh.codeHelp')}
                requiredIndicator
                monospaced
              />
            </FormLayout.Group>
            <FormLayout.Group>
              <TextField
                label={t('wh.priority')}
                type="number"
                min={0}
                value={draft.priority}
                onChange={(priority) => set({ priority })}
                autoComplete="off"
                error={errors.priority}
                helpText={t('wh.priorityHelp')}
              />
              <TextField
                label={t('wh.capacity')}
                type="number"
                min={1}
                value={draft.dailyCapacity}
                onChange={(dailyCapacity) => set({ dailyCapacity })}
                autoComplete="off"
                error={errors.dailyCapacity}
                helpText={t('wh.capacityHelp')}
              />
            </FormLayout.Group>
            <Checkbox
              label={t('wh.active')}
              helpText={t('wh.activeHelp')}
              checked={draft.active}
              onChange={(active) => set({ active })}
            />
          </FormLayout>
        </SectionCard>
      </Layout.AnnotatedSection>

      <Layout.AnnotatedSection id="address" title={t('wh.section.address')} description={t('wh.section.addressHelp')}>
        <SectionCard label={t('wh.section.address')}>
          <FormLayout>
            <TextField
              label={t('wh.address1')}
              value={draft.address1}
              onChange={(address1) => set({ address1 })}
              autoComplete="off"
              error={errors['address.address1']}
            />
            <TextField
              label={t('wh.address2')}
              value={draft.address2}
              onChange={(address2) => set({ address2 })}
              autoComplete="off"
            />
            <FormLayout.Group condensed>
              <TextField label={t('wh.zip')} value={draft.zip} onChange={(zip) => set({ zip })} autoComplete="off" />
              <TextField
                label={t('wh.city')}
                value={draft.city}
                onChange={(city) => set({ city })}
                autoComplete="off"
              />
              <TextField
                label={t('wh.country')}
                value={draft.countryCode}
                onChange={(countryCode) => set({ countryCode: countryCode.toUpperCase() })}
                autoComplete="off"
                maxLength={2}
                error={errors['address.countryCode']}
                helpText={countryName(draft.countryCode) || t('wh.countryHelp')}
                requiredIndicator
              />
            </FormLayout.Group>
            <FormLayout.Group condensed>
              <TextField
                label={t('wh.latitude')}
                type="number"
                step={0.0001}
                value={draft.latitude}
                onChange={(latitude) => set({ latitude })}
                autoComplete="off"
                error={errors.latitude}
              />
              <TextField
                label={t('wh.longitude')}
                type="number"
                step={0.0001}
                value={draft.longitude}
                onChange={(longitude) => set({ longitude })}
                autoComplete="off"
                error={errors.longitude}
              />
            </FormLayout.Group>
            <Text as="p" variant="bodySm" tone="subdued">
              {t('wh.coordinatesHelp')}
            </Text>
          </FormLayout>
        </SectionCard>
      </Layout.AnnotatedSection>

      <Layout.AnnotatedSection
        id="calendar"
        title={t('wh.section.calendar')}
        description={t('wh.section.calendarHelp')}
      >
        <SectionCard label={t('wh.section.calendar')}>
          <FormLayout>
            <FormLayout.Group>
              <Select
                label={t('wh.timezone')}
                options={zones}
                value={draft.timezone}
                onChange={(timezone) => set({ timezone })}
                error={errors.timezone}
              />
              <TextField
                label={t('wh.cutoff')}
                type="time"
                value={draft.cutoffTime}
                onChange={(cutoffTime) => set({ cutoffTime })}
                autoComplete="off"
                error={errors.cutoffTime}
                helpText={t('wh.cutoffHelp')}
              />
            </FormLayout.Group>
            <BlockStack gap="100">
              <Text as="p">{t('wh.workingDays')}</Text>
              <WorkingDays draft={draft} set={set} errors={errors} />
            </BlockStack>
            <TextField
              label={t('wh.holidays')}
              value={draft.holidays}
              onChange={(holidays) => set({ holidays })}
              autoComplete="off"
              multiline={3}
              error={Object.entries(errors).find(([k]) => k.startsWith('holidays'))?.[1]}
              helpText={t('wh.holidaysHelp')}
            />
          </FormLayout>
        </SectionCard>
      </Layout.AnnotatedSection>

      <ZonesSection draft={draft} set={set} errors={errors} />

      <Layout.AnnotatedSection
        id="dispatch"
        title={t('wh.section.dispatch')}
        description={t('wh.section.dispatchHelp')}
      >
        <SectionCard label={t('wh.section.dispatch')}>
          <FormLayout>
            <ChoiceList
              title={t('wh.dispatchStyle')}
              choices={[
                { label: t('dispatchStyle.feed'), value: 'feed', helpText: t('wh.feedHelp') },
                { label: t('dispatchStyle.http'), value: 'http', helpText: t('wh.httpHelp') },
              ]}
              selected={[draft.dispatchStyle]}
              onChange={(v) => set({ dispatchStyle: v[0] === 'http' ? 'http' : 'feed' })}
            />
            {draft.dispatchStyle === 'http' ? (
              <TextField
                label={t('wh.pushUrl')}
                type="url"
                value={draft.pushUrl}
                onChange={(pushUrl) => set({ pushUrl })}
                autoComplete="off"
                placeholder="https://3pl.example.com/orders"
                error={errors.pushUrl}
                requiredIndicator
              />
            ) : null}
            <Select
              label={t('wh.location')}
              options={locationOptions}
              value={draft.location}
              onChange={(location) => set({ location })}
              helpText={t('wh.locationHelp')}
              error={errors.location ?? errors['location.externalId']}
            />
          </FormLayout>
        </SectionCard>
      </Layout.AnnotatedSection>
    </Layout>
  );
}
