import { ingestAppUninstalled } from './app-lifecycle.js';
import { ingestInventoryItem, ingestProduct } from './catalog.js';
import { ingestChannelOrder } from './channel-orders.js';
import { ingestCustomerRedact, ingestDataRequest, ingestShopRedact } from './compliance.js';
import { ingestFulfillment, ingestFulfillmentOrderEvent } from './fulfillment.js';
import { ingestInventoryLevel, ingestLocation } from './inventory.js';
import { ingestOrder } from './orders.js';
import { ingestDisposal, ingestRefund, ingestReturn } from './returns.js';
import type { TopicHandler } from './types.js';

const noFollowUp: TopicHandler = async () => ({ outcome: 'acknowledged' });

/** Every topic the app subscribes to (shopify.app.toml) and the handler that applies it. */
export const topicHandlers: Record<string, TopicHandler> = {
  'orders/create': ingestOrder,
  'orders/updated': ingestOrder,
  'orders/paid': ingestOrder,
  'orders/cancelled': ingestOrder,
  // an edit is always followed by orders/updated, which carries the new quantities
  'orders/edited': noFollowUp,
  // the import polls its bulk operations; the webhook only confirms what it already knows
  'bulk_operations/finish': noFollowUp,
  'fulfillments/create': ingestFulfillment,
  'fulfillments/update': ingestFulfillment,
  'inventory_levels/update': ingestInventoryLevel,
  'products/create': ingestProduct,
  'products/update': ingestProduct,
  'products/delete': ingestProduct,
  'inventory_items/create': ingestInventoryItem,
  'inventory_items/update': ingestInventoryItem,
  'inventory_items/delete': ingestInventoryItem,
  'locations/create': ingestLocation,
  'locations/update': ingestLocation,
  'locations/activate': ingestLocation,
  'locations/deactivate': ingestLocation,
  'locations/delete': ingestLocation,
  'app/uninstalled': ingestAppUninstalled,
  // marketplace orders: written to the inbox by the channel poll (core/use-cases/poll-channel-orders.ts)
  'channel/order': ingestChannelOrder,
  'customers/data_request': ingestDataRequest,
  'customers/redact': ingestCustomerRedact,
  'shop/redact': ingestShopRedact,
  'refunds/create': ingestRefund,
  'reverse_fulfillment_orders/dispose': ingestDisposal,
  ...Object.fromEntries(
    ['request', 'approve', 'decline', 'process', 'close', 'cancel', 'reopen', 'update'].map((t) => [
      `returns/${t}`,
      ingestReturn,
    ]),
  ),
  ...Object.fromEntries(
    [
      'order_routing_complete',
      'moved',
      'split',
      'merged',
      'placed_on_hold',
      'hold_released',
      'cancelled',
      'fulfillment_request_submitted',
      'fulfillment_request_accepted',
      'fulfillment_request_rejected',
      'cancellation_request_submitted',
      'cancellation_request_accepted',
      'cancellation_request_rejected',
      'rescheduled',
    ].map((t) => [`fulfillment_orders/${t}`, ingestFulfillmentOrderEvent]),
  ),
};
