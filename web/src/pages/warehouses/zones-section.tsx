import {
  BlockStack,
  Box,
  Button,
  Divider,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Text,
  TextField,
} from '@shopify/polaris';
import { DeleteIcon, PlusIcon } from '@shopify/polaris-icons';
import { useI18n } from '../../i18n/i18n.js';
import { SectionCard } from '../../components/section-card.js';
import type { SectionProps } from './warehouse-form.js';
import type { ServiceLevelDraft, ZoneDraft } from './warehouse-draft.js';

/** Zones (countries and postal prefixes), service levels with transit days per zone, and cost per zone. */
export function ZonesSection({ draft, set, errors }: SectionProps) {
  const { t, format } = useI18n();
  const codes = draft.zones.map((z) => z.code.trim()).filter(Boolean);
  const setZone = (i: number, patch: Partial<ZoneDraft>) => {
    const before = draft.zones[i]!.code.trim();
    const zones = draft.zones.map((z, j) => (j === i ? { ...z, ...patch } : z));
    const after = zones[i]!.code.trim();
    // renaming a zone carries its transit days and cost along with it
    if (patch.code !== undefined && before && after !== before) {
      const rename = (m: Record<string, string>) =>
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k === before ? after : k, v]));
      set({
        zones,
        costs: rename(draft.costs),
        serviceLevels: draft.serviceLevels.map((s) => ({ ...s, transitDays: rename(s.transitDays) })),
      });
    } else {
      set({ zones });
    }
  };
  const setLevel = (i: number, patch: Partial<ServiceLevelDraft>) =>
    set({ serviceLevels: draft.serviceLevels.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const currency = format.money(0).replace(/[\d\s.,]/g, '') || format.currency;

  return (
    <>
      <Layout.AnnotatedSection id="zones" title={t('wh.section.zones')} description={t('wh.section.zonesHelp')}>
        <SectionCard label={t('wh.section.zones')}>
          <BlockStack gap="400">
            {draft.zones.map((z, i) => (
              <BlockStack gap="300" key={i}>
                {i > 0 ? <Divider /> : null}
                <InlineGrid columns={{ xs: 1, sm: '1fr 2fr 2fr auto' }} gap="300" alignItems="end">
                  <TextField
                    label={t('wh.zoneCode')}
                    value={z.code}
                    onChange={(code) => setZone(i, { code: code.toUpperCase() })}
                    autoComplete="off"
                    error={errors[`zones.${i}.code`]}
                    monospaced
                  />
                  <TextField
                    label={t('wh.zoneCountries')}
                    value={z.countries}
                    onChange={(countries) => setZone(i, { countries: countries.toUpperCase() })}
                    autoComplete="off"
                    placeholder="FR, BE"
                    error={Object.entries(errors).find(([k]) => k.startsWith(`zones.${i}.countries`))?.[1]}
                  />
                  <TextField
                    label={t('wh.zonePrefixes')}
                    value={z.postalPrefixes}
                    onChange={(postalPrefixes) => setZone(i, { postalPrefixes })}
                    autoComplete="off"
                  />
                  <Button
                    icon={DeleteIcon}
                    accessibilityLabel={t('wh.removeZone', { code: z.code || String(i + 1) })}
                    disabled={draft.zones.length === 1}
                    onClick={() => set({ zones: draft.zones.filter((_, j) => j !== i) })}
                    variant="tertiary"
                  />
                </InlineGrid>
              </BlockStack>
            ))}
            {errors.zones ? (
              <Text as="p" tone="critical" variant="bodySm">
                {errors.zones}
              </Text>
            ) : null}
            <InlineStack>
              <Button
                icon={PlusIcon}
                onClick={() => set({ zones: [...draft.zones, { code: '', countries: '', postalPrefixes: '' }] })}
              >
                {t('wh.addZone')}
              </Button>
            </InlineStack>
            <Text as="p" variant="bodySm" tone="subdued">
              {t('wh.zonesOrderHelp')}
            </Text>
          </BlockStack>
        </SectionCard>
      </Layout.AnnotatedSection>

      <Layout.AnnotatedSection id="service" title={t('wh.section.service')} description={t('wh.section.serviceHelp')}>
        <SectionCard label={t('wh.section.service')}>
          <BlockStack gap="400">
            {draft.serviceLevels.map((s, i) => (
              <BlockStack gap="300" key={i}>
                {i > 0 ? <Divider /> : null}
                <InlineGrid columns={{ xs: 1, sm: '1fr 2fr auto' }} gap="300" alignItems="end">
                  <TextField
                    label={t('wh.levelCode')}
                    value={s.code}
                    onChange={(code) => setLevel(i, { code })}
                    autoComplete="off"
                    error={errors[`serviceLevels.${i}.code`]}
                    monospaced
                  />
                  <TextField
                    label={t('wh.levelName')}
                    value={s.name}
                    onChange={(name) => setLevel(i, { name })}
                    autoComplete="off"
                    error={errors[`serviceLevels.${i}.name`]}
                    placeholder="Colissimo"
                  />
                  <Button
                    icon={DeleteIcon}
                    accessibilityLabel={t('wh.removeLevel', { code: s.code || String(i + 1) })}
                    disabled={draft.serviceLevels.length === 1}
                    onClick={() => set({ serviceLevels: draft.serviceLevels.filter((_, j) => j !== i) })}
                    variant="tertiary"
                  />
                </InlineGrid>
                <Box>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t('wh.transitDays')}
                  </Text>
                  <InlineGrid columns={{ xs: 2, sm: 4 }} gap="200">
                    {codes.map((c) => (
                      <TextField
                        key={c}
                        label={c}
                        type="number"
                        min={0}
                        max={60}
                        value={s.transitDays[c] ?? ''}
                        onChange={(v) => setLevel(i, { transitDays: { ...s.transitDays, [c]: v } })}
                        autoComplete="off"
                        suffix={t('wh.days')}
                        error={errors[`serviceLevels.${i}.transitDays.${c}`]}
                      />
                    ))}
                  </InlineGrid>
                </Box>
              </BlockStack>
            ))}
            <InlineStack>
              <Button
                icon={PlusIcon}
                onClick={() =>
                  set({ serviceLevels: [...draft.serviceLevels, { code: '', name: '', transitDays: {} }] })
                }
              >
                {t('wh.addLevel')}
              </Button>
            </InlineStack>
          </BlockStack>
        </SectionCard>
      </Layout.AnnotatedSection>

      <Layout.AnnotatedSection id="costs" title={t('wh.section.costs')} description={t('wh.section.costsHelp')}>
        <SectionCard label={t('wh.section.costs')}>
          <FormLayout>
            {codes.length === 0 ? (
              <Text as="p" tone="subdued">
                {t('wh.costsNoZones')}
              </Text>
            ) : null}
            <InlineGrid columns={{ xs: 2, sm: 4 }} gap="200">
              {codes.map((c) => (
                <TextField
                  key={c}
                  label={c}
                  type="number"
                  min={0}
                  step={0.01}
                  value={draft.costs[c] ?? ''}
                  onChange={(v) => set({ costs: { ...draft.costs, [c]: v } })}
                  autoComplete="off"
                  suffix={currency}
                  error={errors[`costs.${c}`]}
                />
              ))}
            </InlineGrid>
          </FormLayout>
        </SectionCard>
      </Layout.AnnotatedSection>
    </>
  );
}
