import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Address } from '../../core/domain/address.js';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';

export const orderStatuses = [
  'pending',
  'routed',
  'backordered',
  'on_hold',
  'dispatched',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
  'fulfilled_elsewhere',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = pgTable(
  'orders',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull().default('shopify'),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: orderStatuses }).notNull().default('pending'),
    financialStatus: text('financial_status'),
    email: text('email'),
    customerExternalId: text('customer_external_id'),
    customerLocale: text('customer_locale'),
    shippingAddress: jsonb('shipping_address').$type<Address>(),
    countryCode: text('country_code'),
    zip: text('zip'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** the shipping rate chosen at checkout; routing maps it to a warehouse service level */
    shippingRateCode: text('shipping_rate_code'),
    shippingRateTitle: text('shipping_rate_title'),
    /** the delivery date promised at checkout (YYYY-MM-DD), when one was recorded */
    deliverBy: text('deliver_by'),
    currency: text('currency').notNull().default('EUR'),
    totalPrice: numeric('total_price', { precision: 14, scale: 2 }).notNull().default('0'),
    tags: text('tags').array().notNull().default([]),
    placedAt: ts('placed_at').notNull(),
    sourceUpdatedAt: ts('source_updated_at').notNull(),
    /** when the channel said so (event trigger time, or the moment we read it): orders versions of the same updated_at second */
    sourceObservedAt: ts('source_observed_at'),
    /** a digest of what routing reads of the stored version (domain/orders/plan-inputs.ts) */
    planFingerprint: text('plan_fingerprint'),
    cancelledAt: ts('cancelled_at'),
    onHoldReason: text('on_hold_reason'),
    /**
     * The channel's order that holds these lines when it is not `external_id` itself: an exchange
     * ships new lines Shopify added to the order that came back, so placement and fulfillment
     * address that order.
     */
    channelOrderExternalId: text('channel_order_external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_shop_channel_ext_uq').on(t.shopId, t.channel, t.externalId),
    index('orders_shop_placed_idx').on(t.shopId, t.placedAt, t.id),
    // a status filter pages in order: (shop, status) then the same keyset as the unfiltered list
    index('orders_shop_status_placed_idx').on(t.shopId, t.status, t.placedAt, t.id),
    index('orders_shop_name_idx').on(t.shopId, t.name),
    index('orders_shop_channel_order_idx')
      .on(t.shopId, t.channelOrderExternalId)
      .where(sql`${t.channelOrderExternalId} is not null`),
    // substring search on the name: `orders_name_trgm_idx` (gin, pg_trgm) is created by migration
    // 20261203163343_admin_scale where the database has pg_trgm; it is not declared here so that a
    // database without the extension still migrates
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    sku: text('sku'),
    variantExternalId: text('variant_external_id'),
    title: text('title').notNull().default(''),
    quantity: integer('quantity').notNull(),
    currentQuantity: integer('current_quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }).notNull().default('0'),
    requiresShipping: boolean('requires_shipping').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('order_lines_order_ext_uq').on(t.orderId, t.externalId),
    index('order_lines_shop_idx').on(t.shopId),
    // search by SKU: the orders of a SKU without visiting its lines' rows
    index('order_lines_shop_sku_order_idx').on(t.shopId, t.sku, t.orderId),
  ],
);
