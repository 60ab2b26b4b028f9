import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import type { Address } from '../../core/domain/address.js';
import { shops } from './shops.js';

/** What Shopify last told us about each fulfillment order (webhooks and queries). */
export const fulfillmentOrders = pgTable(
  'fulfillment_orders',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    orderExternalId: text('order_external_id'),
    status: text('status').notNull(),
    requestStatus: text('request_status'),
    locationExternalId: text('location_external_id'),
    lines:
      jsonb('lines').$type<
        { id: string; lineItemId: string; sku: string | null; remainingQuantity: number; totalQuantity: number }[]
      >(),
    sourceUpdatedAt: ts('source_updated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fulfillment_orders_shop_ext_uq').on(t.shopId, t.externalId),
    index('fulfillment_orders_shop_order_idx').on(t.shopId, t.orderExternalId),
  ],
);

export const shopifyLocations = pgTable(
  'shopify_locations',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    address: jsonb('address').$type<Address>().notNull().default({}),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    active: boolean('active').notNull().default(true),
    isFulfillmentService: boolean('is_fulfillment_service').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    sourceUpdatedAt: ts('source_updated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shopify_locations_shop_ext_uq').on(t.shopId, t.externalId)],
);

/** Shopify's `available` per inventory item and location: the channel's view, never our on hand. */
export const shopifyInventoryLevels = pgTable(
  'shopify_inventory_levels',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    inventoryItemExternalId: text('inventory_item_external_id').notNull(),
    locationExternalId: text('location_external_id').notNull(),
    available: integer('available'),
    onHand: integer('on_hand'),
    sourceUpdatedAt: ts('source_updated_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shopify_inventory_levels_uq').on(t.shopId, t.inventoryItemExternalId, t.locationExternalId)],
);
