import { BlockStack, Button, InlineGrid, InlineStack, Text, TextField } from '@shopify/polaris';
import { DeleteIcon, PlusIcon } from '@shopify/polaris-icons';
import { useI18n } from '../../i18n/i18n.js';
import type { SupplierDraft } from './replenishment-draft.js';

/** Lead times per supplier: a row each, added and removed freely; a SKU's own lead time still wins. */
export function SupplierLeadTimes({
  rows,
  onChange,
  errors,
  duplicates,
}: {
  rows: SupplierDraft[];
  onChange(rows: SupplierDraft[]): void;
  errors: Record<string, string>;
  duplicates: Set<string>;
}) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<SupplierDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        {t('repl.suppliers')}
      </Text>
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          {t('repl.suppliersEmpty')}
        </Text>
      ) : null}
      {rows.map((r, i) => {
        const key = `supplierLeadTimes.${r.name.trim()}`;
        return (
          <InlineGrid key={i} columns={{ xs: 1, sm: '2fr 1fr 1fr auto' }} gap="300" alignItems="end">
            <TextField
              label={t('repl.supplierName')}
              labelHidden={i > 0}
              value={r.name}
              onChange={(name) => set(i, { name })}
              autoComplete="off"
              error={duplicates.has(r.name.trim()) ? t('repl.supplierTwice') : errors[key]}
            />
            <TextField
              label={t('repl.supplierDays')}
              labelHidden={i > 0}
              type="number"
              min={0}
              step={1}
              value={r.days}
              onChange={(days) => set(i, { days })}
              autoComplete="off"
              suffix={t('purchasing.daysSuffix')}
              error={errors[`${key}.days`]}
            />
            <TextField
              label={t('repl.supplierStd')}
              labelHidden={i > 0}
              type="number"
              min={0}
              step={0.5}
              value={r.stdDays}
              onChange={(stdDays) => set(i, { stdDays })}
              autoComplete="off"
              suffix={t('purchasing.daysSuffix')}
              placeholder="0"
              error={errors[`${key}.stdDays`]}
            />
            <Button
              icon={DeleteIcon}
              variant="tertiary"
              accessibilityLabel={t('repl.removeSupplier', { name: r.name || String(i + 1) })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          </InlineGrid>
        );
      })}
      <InlineStack>
        <Button icon={PlusIcon} onClick={() => onChange([...rows, { name: '', days: '', stdDays: '' }])}>
          {t('repl.addSupplier')}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
