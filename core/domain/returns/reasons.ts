/**
 * Return reasons, named like Shopify's standard return reason definitions (handles). A
 * request from Shopify keeps its handle even when it is not one of these.
 */
export const returnReasons = [
  'size_too_small',
  'size_too_large',
  'not_as_described',
  'defective',
  'damaged_in_transit',
  'wrong_item',
  'changed_mind',
  'color',
  'style',
  'other',
] as const;
export type ReturnReason = (typeof returnReasons)[number];

/** The deprecated ReturnReason enum some payloads still carry, mapped to a handle. */
export function reasonFromShopify(value: string | null | undefined): string {
  if (!value) return 'other';
  const v = value.trim().toLowerCase();
  const map: Record<string, ReturnReason> = {
    unwanted: 'changed_mind',
    unknown: 'other',
    size_too_small: 'size_too_small',
    size_too_large: 'size_too_large',
    not_as_described: 'not_as_described',
    defective: 'defective',
    wrong_item: 'wrong_item',
    color: 'color',
    style: 'style',
    other: 'other',
  };
  return map[v] ?? v.replace(/[^a-z0-9_-]/g, '_').slice(0, 60);
}
