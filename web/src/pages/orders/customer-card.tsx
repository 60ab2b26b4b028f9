import { Badge, BlockStack, Card, InlineStack, Link, Text } from '@shopify/polaris';
import type { OrderDetail } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

const statusTone: Record<string, 'success' | 'critical' | 'attention' | 'info' | undefined> = {
  sent: 'success',
  delegated: 'info',
  parked: 'critical',
  pending: 'attention',
  sending: 'attention',
};

/** What the customer sees of this order: the tracking page, any delay, and each e-mail decided for it. */
export function CustomerCard({ detail }: { detail: OrderDetail }) {
  const { t, format } = useI18n();
  const url = detail.order.trackingPageUrl;
  const openDelays = detail.delays.filter((d) => !d.resolvedAt);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t('customers.card')}
        </Text>
        {openDelays.map((d) => (
          <InlineStack key={d.id} gap="200" blockAlign="center">
            <Badge tone="warning">{t('customers.delayed')}</Badge>
            <Text as="span" variant="bodySm">
              {t(`customers.delay.${d.reason}`)} · {format.dateTime(d.detectedAt)}
            </Text>
          </InlineStack>
        ))}
        {url ? (
          <Link url={url} target="_blank">
            {t('customers.openPage')}
          </Link>
        ) : (
          <Text as="p" variant="bodySm" tone="subdued">
            {t('customers.noPage')}
          </Text>
        )}
        <Text as="h3" variant="headingSm">
          {t('customers.emails')}
        </Text>
        {detail.emails.length === 0 ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {t('customers.noEmails')}
          </Text>
        ) : (
          detail.emails.map((e) => (
            <InlineStack key={e.id} align="space-between" gap="200" wrap={false}>
              <Text as="span" variant="bodySm">
                {t(`customers.kind.${e.kind}` as 'customers.kind.shipped')}
              </Text>
              <Badge tone={statusTone[e.status]}>{t(`customers.status.${e.status}` as 'customers.status.sent')}</Badge>
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
