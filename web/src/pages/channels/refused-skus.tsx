import { BlockStack, DataTable, Text } from '@shopify/polaris';
import type { ChannelAccountDto } from '../../../../core/contracts/admin/channels.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The SKUs the marketplace refused in its stock pushes, in its own words: their quantity did not
 * reach it, so it may still show an old one. Nothing at all when there are none.
 */
export function RefusedSkus({ account }: { account: ChannelAccountDto }) {
  const { t, format } = useI18n();
  const { total, latest } = account.stockIssues;
  if (total === 0) return null;
  return (
    <BlockStack gap="200">
      <BlockStack gap="050">
        <Text as="h3" variant="headingSm" tone="caution">
          {t('channels.refused', { count: total, name: account.name })}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t('channels.refusedHelp')}
        </Text>
      </BlockStack>
      <div className="refused-table">
        <DataTable
          columnContentTypes={['text', 'text', 'numeric', 'text']}
          headings={[
            t('channels.refusedSku'),
            t('channels.refusedMessage'),
            t('channels.refusedQuantity'),
            t('channels.refusedAt'),
          ]}
          rows={latest.map((i) => [
            <code key="s">{i.sku}</code>,
            i.message,
            format.number(i.quantity),
            format.dateTime(i.at),
          ])}
          increasedTableDensity
        />
      </div>
      {total > latest.length ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {t('channels.refusedMore', { shown: latest.length, count: total })}
        </Text>
      ) : null}
    </BlockStack>
  );
}
