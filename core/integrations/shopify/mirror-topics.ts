/**
 * Topics that only update the app's mirror of Shopify (inventory levels, fulfillment orders,
 * fulfillments) or only confirm what the app already knows. They are most of a flash sale's
 * webhooks and never queue work, so intake gathers them into one job and one transaction.
 */
export function isMirrorTopic(topic: string): boolean {
  return (
    topic === 'inventory_levels/update' ||
    topic === 'orders/edited' ||
    topic === 'bulk_operations/finish' ||
    topic.startsWith('fulfillments/') ||
    topic.startsWith('fulfillment_orders/')
  );
}
