import { BlockStack, Box, Text } from '@shopify/polaris';
import type { StockAlert } from '../api/stock-types.js';
import { useI18n } from '../i18n/i18n.js';
import { ALERT_INPUTS, inputValue, orderedInputs } from './alert-text.js';

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** "The math" of an alert: the formula with its numbers, and every input it used as a definition list. */
export function AlertMath({ alert }: { alert: Pick<StockAlert, 'formula' | 'inputs'> }) {
  const { t, format, language } = useI18n();
  const entries = orderedInputs(alert.inputs);
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200">
      <BlockStack gap="200">
        <Text as="h4" variant="bodySm" fontWeight="semibold" tone="subdued">
          {t('alerts.math')}
        </Text>
        {/* the formula is written by the replenishment engine, in English */}
        <div className="formula" lang={language === 'en' ? undefined : 'en'}>
          {alert.formula.split('; ').map((line) => (
            <code key={line}>{line}</code>
          ))}
        </div>
        <dl className="math-inputs" aria-label={t('alerts.inputs')}>
          {entries.map(([key, v]) => {
            const known = ALERT_INPUTS[key];
            return (
              <div key={key}>
                <dt>{known ? t(known.label) : humanize(key)}</dt>
                <dd>{inputValue(t, format, known?.kind, v)}</dd>
              </div>
            );
          })}
        </dl>
      </BlockStack>
    </Box>
  );
}
