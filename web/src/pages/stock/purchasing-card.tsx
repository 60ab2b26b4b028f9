import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { fieldIssues } from '../../api/client.js';
import type { Sku, SkuPurchasingInput, StockSettings } from '../../api/stock-types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useToast } from '../../shell/toast.js';

/** The purchasing fields as typed. */
interface PurchasingDraft {
  supplier: string;
  leadTimeDays: string;
  leadTimeStdDays: string;
  packSize: string;
  moq: string;
}

const text = (v: number | null) => (v === null ? '' : String(v));
const draftOf = (s: Sku): PurchasingDraft => ({
  supplier: s.supplier ?? '',
  leadTimeDays: text(s.leadTimeDays),
  leadTimeStdDays: text(s.leadTimeStdDays),
  packSize: String(s.packSize),
  moq: String(s.moq),
});
const orNull = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

/** Only what changed, as the API takes it; an empty lead time falls back to the supplier's or the shop's. */
function changes(d: PurchasingDraft, saved: PurchasingDraft): SkuPurchasingInput {
  const out: SkuPurchasingInput = {};
  if (d.supplier.trim() !== saved.supplier) out.supplier = d.supplier.trim() || null;
  if (d.leadTimeDays !== saved.leadTimeDays) out.leadTimeDays = orNull(d.leadTimeDays);
  if (d.leadTimeStdDays !== saved.leadTimeStdDays) out.leadTimeStdDays = orNull(d.leadTimeStdDays);
  if (d.packSize !== saved.packSize) out.packSize = Number(d.packSize);
  if (d.moq !== saved.moq) out.moq = Number(d.moq);
  return out;
}

/** Supplier, lead time (and its spread), pack size and minimum order of one SKU, saved on their own. */
export function PurchasingCard({
  sku,
  settings,
  onSaved,
}: {
  sku: Sku;
  settings: StockSettings | undefined;
  onSaved(saved: Sku): void;
}) {
  const { t, format } = useI18n();
  const api = useApi();
  const toast = useToast();
  const saved = draftOf(sku);
  const [draft, setDraft] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  // only a change in what is saved resets the form: a reload bringing the same values keeps what is being typed
  const savedKey = JSON.stringify(saved);
  useEffect(() => setDraft(JSON.parse(savedKey) as PurchasingDraft), [savedKey]);

  const body = changes(draft, saved);
  const dirty = Object.keys(body).length > 0;
  const supplierLead = settings?.supplierLeadTimes[draft.supplier.trim()];
  const fallback = supplierLead
    ? t('purchasing.supplierDefault', { days: format.days(supplierLead.days, 1) })
    : settings
      ? t('purchasing.shopDefault', { days: format.days(settings.defaultLeadTimeDays, 1) })
      : '';
  const set = (patch: Partial<PurchasingDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const row = await api.patch<Sku>(`/skus/${sku.id}`, body);
      setErrors({});
      toast.show(t('purchasing.saved'));
      onSaved(row);
    } catch (e) {
      setErrors(Object.fromEntries(fieldIssues(e).map((i) => [i.path.replace(/^body\.?/, ''), i.message])));
      setFailure(e as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div role="group" aria-label={t('purchasing.title')}>
      <Card>
        <BlockStack gap="300">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd">
              {t('purchasing.title')}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {t('purchasing.help')}
            </Text>
          </BlockStack>
          {failure ? <ErrorBanner error={failure} title={t('purchasing.saveFailed')} /> : null}
          <FormLayout>
            <TextField
              label={t('purchasing.supplier')}
              value={draft.supplier}
              onChange={(supplier) => set({ supplier })}
              autoComplete="off"
              error={errors.supplier}
            />
            <FormLayout.Group condensed>
              <TextField
                label={t('purchasing.leadTime')}
                type="number"
                min={0}
                step={1}
                value={draft.leadTimeDays}
                onChange={(leadTimeDays) => set({ leadTimeDays })}
                autoComplete="off"
                suffix={t('purchasing.daysSuffix')}
                placeholder={
                  supplierLead ? String(supplierLead.days) : settings ? String(settings.defaultLeadTimeDays) : ''
                }
                error={errors.leadTimeDays}
              />
              <TextField
                label={t('purchasing.leadTimeStd')}
                type="number"
                min={0}
                step={0.5}
                value={draft.leadTimeStdDays}
                onChange={(leadTimeStdDays) => set({ leadTimeStdDays })}
                autoComplete="off"
                suffix={t('purchasing.daysSuffix')}
                placeholder={supplierLead?.stdDays ? String(supplierLead.stdDays) : '0'}
                error={errors.leadTimeStdDays}
              />
            </FormLayout.Group>
            {fallback && draft.leadTimeDays.trim() === '' ? (
              <Text as="p" variant="bodySm" tone="subdued">
                {fallback}
              </Text>
            ) : null}
            <FormLayout.Group condensed>
              <TextField
                label={t('purchasing.packSize')}
                type="number"
                min={1}
                step={1}
                value={draft.packSize}
                onChange={(packSize) => set({ packSize })}
                autoComplete="off"
                error={errors.packSize}
              />
              <TextField
                label={t('purchasing.moq')}
                type="number"
                min={0}
                step={1}
                value={draft.moq}
                onChange={(moq) => set({ moq })}
                autoComplete="off"
                error={errors.moq}
              />
            </FormLayout.Group>
          </FormLayout>
          <InlineStack align="end" gap="200">
            <Button
              disabled={!dirty || saving}
              onClick={() => {
                setDraft(saved);
                setErrors({});
                setFailure(null);
              }}
            >
              {t('common.discard')}
            </Button>
            <Button variant="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </InlineStack>
        </BlockStack>
      </Card>
    </div>
  );
}
