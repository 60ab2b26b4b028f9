import { BlockStack, InlineStack, Text } from '@shopify/polaris';
import type { TimelineEntry } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { actorLabel, timelineDetail, timelineTitle, timelineTone } from './timeline-detail.js';

/** The order's history, oldest first: Shopify's webhooks, routing, the 3PL, the carrier, and Shopify's answers. */
export function OrderTimeline({
  entries,
  warehouseName,
}: {
  entries: TimelineEntry[];
  warehouseName: (id: number) => string | undefined;
}) {
  const { t, format } = useI18n();
  if (entries.length === 0)
    return (
      <Text as="p" tone="subdued">
        {t('order.timelineEmpty')}
      </Text>
    );
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const detail = timelineDetail(t, format, e);
        return (
          <li key={e.id} className={`timeline-item timeline-${timelineTone(e.action)}`} data-action={e.action}>
            <span className="timeline-dot" aria-hidden="true" />
            <BlockStack gap="050">
              <InlineStack align="space-between" gap="200" wrap={false}>
                <Text as="span" fontWeight="semibold">
                  {timelineTitle(t, e.action)}
                </Text>
                <Text as="span" variant="bodySm" tone="subdued">
                  <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                </Text>
              </InlineStack>
              {detail ? (
                <Text as="p" variant="bodySm">
                  {detail}
                </Text>
              ) : null}
              <Text as="p" variant="bodyXs" tone="subdued">
                {actorLabel(t, e.actor, warehouseName)}
              </Text>
            </BlockStack>
          </li>
        );
      })}
    </ol>
  );
}
