import { BlockStack, Box, Button, Card, DataTable, InlineStack, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { SkuDetail } from '../../api/stock-types.js';
import { reasonKey } from '../../components/stock-labels.js';
import { useI18n } from '../../i18n/i18n.js';

const FIRST = 15;

/** The SKU's inventory movements, newest first: each one's warehouse, reason, reference and signed change. */
export function LedgerCard({ ledger }: { ledger: SkuDetail['ledger'] }) {
  const { t, format } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? ledger : ledger.slice(0, FIRST);
  const rows = shown.map((m) => {
    const key = reasonKey(m.reason);
    return [
      format.dateTime(m.at),
      m.warehouse,
      key ? t(key) : m.reason,
      <code className="ledger-ref" key="ref">
        {m.reference}
      </code>,
      <Text as="span" numeric fontWeight="semibold" tone={m.delta < 0 ? 'critical' : 'success'} key="delta">
        {format.signed(m.delta)}
      </Text>,
    ];
  });
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t('ledger.title')}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {t('ledger.help')}
          </Text>
        </BlockStack>
      </Box>
      {ledger.length === 0 ? (
        <Box padding="400" paddingBlockStart="0">
          <Text as="p" tone="subdued">
            {t('ledger.empty')}
          </Text>
        </Box>
      ) : (
        <div className="ledger-table">
          <DataTable
            columnContentTypes={['text', 'text', 'text', 'text', 'numeric']}
            headings={[
              t('ledger.col.when'),
              t('ledger.col.warehouse'),
              t('ledger.col.reason'),
              t('ledger.col.reference'),
              t('ledger.col.change'),
            ]}
            rows={rows}
            increasedTableDensity
          />
        </div>
      )}
      {ledger.length > FIRST ? (
        <Box padding="300" borderBlockStartWidth="025" borderColor="border-secondary">
          <InlineStack align="center">
            <Button variant="plain" onClick={() => setAll((v) => !v)}>
              {all ? t('alerts.showFewer') : t('ledger.showAll', { count: ledger.length })}
            </Button>
          </InlineStack>
        </Box>
      ) : null}
    </Card>
  );
}
