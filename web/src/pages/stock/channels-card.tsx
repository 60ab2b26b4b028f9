import { BlockStack, Card, DataTable, Text } from '@shopify/polaris';
import type { SkuDetail } from '../../api/stock-types.js';
import { useI18n } from '../../i18n/i18n.js';

/** What each sales channel may sell of the SKU now, after its buffer, and what it was last told. */
export function ChannelsCard({ channels }: { channels: SkuDetail['channels'] }) {
  const { t, format } = useI18n();
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div className="card-heading">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t('sku.channels')}
            </Text>
            <Text as="p" tone="subdued">
              {t('sku.channelsHelp')}
            </Text>
          </BlockStack>
        </div>
        <DataTable
          columnContentTypes={['text', 'numeric', 'numeric', 'text']}
          headings={[t('sku.channel'), t('sku.channelBuffer'), t('sku.channelSellable'), t('sku.channelLastTold')]}
          rows={channels.map((c) => [
            c.name,
            format.number(c.buffer),
            <Text as="span" key="s" fontWeight="semibold" tone={c.sellable <= 0 ? 'critical' : undefined}>
              {format.number(c.sellable)}
            </Text>,
            c.kind === 'shopify'
              ? t('sku.channelShopifyLevels')
              : c.lastPushed === null
                ? t('sku.channelNotYetTold')
                : t('sku.channelTold', { units: format.number(c.lastPushed), when: format.dateTime(c.lastPushedAt!) }),
          ])}
          increasedTableDensity
        />
      </BlockStack>
    </Card>
  );
}
