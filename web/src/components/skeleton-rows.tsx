import { BlockStack, SkeletonBodyText } from '@shopify/polaris';

/** A table's placeholder: its header band and `rows` rows of exactly the real rows' height, so nothing moves when data replaces it. */
export function SkeletonRows({
  rows,
  rowHeight,
  headHeight = 36,
  lines = 1,
}: {
  rows: number;
  rowHeight: number;
  headHeight?: number;
  lines?: number;
}) {
  return (
    <BlockStack gap="0">
      <div className="skeleton-head" style={{ height: headHeight }} />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row skeleton-row-fixed" style={{ height: rowHeight, minHeight: rowHeight }}>
          <SkeletonBodyText lines={lines} />
        </div>
      ))}
    </BlockStack>
  );
}
