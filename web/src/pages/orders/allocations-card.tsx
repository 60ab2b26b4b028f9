import { BlockStack, Box, Card, Divider, InlineStack, Link, Text } from '@shopify/polaris';
import type { OrderAllocation, Shipment } from '../../api/types.js';
import { AllocationStatusBadge } from '../../components/status-badge.js';
import { useI18n } from '../../i18n/i18n.js';

function ShipmentBlock({ s }: { s: Shipment }) {
  const { t, format } = useI18n();
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200">
      <BlockStack gap="100">
        <InlineStack gap="200" align="space-between">
          <Text as="span" fontWeight="semibold">
            {s.carrier ?? t('order.carrierUnknown')}
          </Text>
          <Text as="span" variant="bodySm" tone="subdued">
            {t('order.shippedAt', { when: format.dateTime(s.shippedAt) })}
          </Text>
        </InlineStack>
        <InlineStack gap="200">
          {s.trackingNumbers.map((n, i) =>
            s.trackingUrls[i] ? (
              <Link key={n} url={s.trackingUrls[i]!} external>
                {n}
              </Link>
            ) : (
              <Text as="span" key={n}>
                {n}
              </Text>
            ),
          )}
        </InlineStack>
        <Text as="p" variant="bodySm" tone={s.pushStatus === 'failed' ? 'critical' : 'subdued'}>
          {t(`order.push.${s.pushStatus}`)}
        </Text>
        {s.events.length ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {s.events
              .map(
                (e) =>
                  `${t(`trackingStatus.${e.status}` as 'trackingStatus.in_transit')} · ${format.dateTime(e.occurredAt)}`,
              )
              .join(' → ')}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

/** Each warehouse's part of the order: its promise, its lines, its parcels and what Shopify was told. */
export function AllocationsCard({ allocations }: { allocations: OrderAllocation[] }) {
  const { t, format } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('order.allocations')}
        </Text>
        {allocations.length === 0 ? (
          <Text as="p" tone="subdued">
            {t('order.noAllocations')}
          </Text>
        ) : null}
        {allocations.map((a, i) => (
          <BlockStack gap="200" key={a.id}>
            {i > 0 ? <Divider /> : null}
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <InlineStack gap="200" blockAlign="center" align="start">
                <Text as="h3" variant="headingSm">
                  {a.warehouse}
                </Text>
                <AllocationStatusBadge status={a.status} />
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {t('order.attempt', { attempt: a.attempt })}
              </Text>
            </InlineStack>
            <InlineStack gap="400">
              <Text as="span" variant="bodySm">
                {t('order.shipBy', { when: format.dateTime(a.promisedShipBy) })}
              </Text>
              <Text as="span" variant="bodySm">
                {t('order.deliverBy', { when: format.date(a.promisedDeliveryBy) })}
              </Text>
              {a.cost !== null ? (
                <Text as="span" variant="bodySm">
                  {t('order.cost', { cost: format.money(a.cost) })}
                </Text>
              ) : null}
              {a.distanceKm !== null ? (
                <Text as="span" variant="bodySm">
                  {t('order.distance', { km: format.number(Number(a.distanceKm)) })}
                </Text>
              ) : null}
            </InlineStack>
            <BlockStack gap="050">
              {a.lines.map((l) => (
                <InlineStack key={l.lineId} align="space-between" gap="200">
                  <Text as="span" variant="bodySm">
                    {l.title}{' '}
                    <Text as="span" tone="subdued">
                      {l.sku}
                    </Text>
                  </Text>
                  <Text as="span" variant="bodySm" numeric>
                    {t('order.shippedOf', { shipped: l.shippedQuantity, quantity: l.quantity })}
                  </Text>
                </InlineStack>
              ))}
            </BlockStack>
            {a.rejectReason ? (
              <Text as="p" tone="critical" variant="bodySm">
                {t('order.rejected', { reason: a.rejectReason })}
              </Text>
            ) : null}
            {a.dispatchError ? (
              <Text as="p" tone="critical" variant="bodySm">
                {t('order.dispatchError', { error: a.dispatchError })}
              </Text>
            ) : null}
            {a.shipments.map((s) => (
              <ShipmentBlock key={s.id} s={s} />
            ))}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
