import { BlockStack, Box, Card, InlineGrid, SkeletonBodyText, SkeletonDisplayText, Text } from '@shopify/polaris';
import type { Resource } from '../../api/api-context.js';
import type { AccuracyResponse } from '../../api/stock-types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';

const CELL_HEIGHT = '76px';
const tone = (a: number | null) => (a === null ? undefined : a < 0.95 ? 'critical' : a < 0.99 ? 'caution' : 'success');

/** How closely the ledger matched each 3PL's own counts over 30 days. */
export function AccuracyCard({ res, columns }: { res: Resource<AccuracyResponse>; columns: number }) {
  const { t, format } = useI18n();
  const cols = { xs: 1, sm: Math.min(2, columns), md: Math.min(4, Math.max(1, columns)) } as const;
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t('accuracy.title')}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {t('accuracy.help')}
          </Text>
        </BlockStack>
        {res.error && !res.data ? (
          <ErrorBanner error={res.error} onRetry={res.reload} />
        ) : (
          <InlineGrid columns={cols} gap="400">
            {/* keys unlike the placeholders' so React swaps the cells in place instead of moving them */}
            {res.data
              ? res.data.warehouses.map((w) => (
                  <Box key={`warehouse-${w.id}`} minHeight={CELL_HEIGHT}>
                    <BlockStack gap="100">
                      <Text as="h3" variant="bodySm" tone="subdued">
                        {w.name}
                      </Text>
                      <Text as="p" variant="headingLg" tone={tone(w.accuracy)}>
                        {w.accuracy === null ? '—' : format.percent(w.accuracy)}
                      </Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {w.accuracy === null
                          ? t('accuracy.empty')
                          : w.correctedUnits === 0
                            ? t('accuracy.none', { onHand: format.number(w.onHand) })
                            : t('accuracy.corrected', {
                                count: w.correctedUnits,
                                units: format.number(w.correctedUnits),
                                onHand: format.number(w.onHand),
                              })}
                      </Text>
                    </BlockStack>
                  </Box>
                ))
              : Array.from({ length: Math.max(1, columns) }, (_, i) => (
                  <Box key={`placeholder-${i}`} minHeight={CELL_HEIGHT}>
                    <BlockStack gap="200">
                      <SkeletonBodyText lines={1} />
                      <SkeletonDisplayText size="small" />
                      <SkeletonBodyText lines={1} />
                    </BlockStack>
                  </Box>
                ))}
          </InlineGrid>
        )}
      </BlockStack>
    </Card>
  );
}
