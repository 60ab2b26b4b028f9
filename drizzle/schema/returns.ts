import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Grade } from '../../core/domain/returns/grading.js';
import type { ReturnPolicy } from '../../core/domain/returns/policy.js';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { orderLines, orders } from './orders.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

export const returnSources = ['shopify', 'merchant', 'customer'] as const;
export type ReturnSource = (typeof returnSources)[number];

/**
 * A return, whichever door it came through. `status` mirrors Shopify's status; `state` is our
 * workflow (core/domain/returns/state-machine). `external_id` is empty until Shopify knows it.
 */
export const returns = pgTable(
  'returns',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull().default('shopify'),
    externalId: text('external_id'),
    orderExternalId: text('order_external_id'),
    orderId: ref('order_id').references(() => orders.id, { onDelete: 'set null' }),
    name: text('name'),
    status: text('status').notNull(),
    totalQuantity: integer('total_quantity').notNull().default(0),
    data: jsonb('data').$type<unknown>(),
    sourceUpdatedAt: ts('source_updated_at'),
    rma: text('rma'),
    source: text('source', { enum: returnSources }).notNull().default('shopify'),
    state: text('state').notNull().default('requested'),
    /** why the rules approved, declined or left it for review */
    decision: text('decision'),
    warehouseId: ref('warehouse_id').references(() => warehouses.id, { onDelete: 'set null' }),
    declineReason: text('decline_reason'),
    declineNote: text('decline_note'),
    labelUrl: text('label_url'),
    trackingNumber: text('tracking_number'),
    trackingUrl: text('tracking_url'),
    reverseDeliveryExternalId: text('reverse_delivery_external_id'),
    refundAmount: numeric('refund_amount', { precision: 14, scale: 2 }),
    /** the order that ships the exchanged units, created once (see core/use-cases/returns/ship-exchange) */
    exchangeOrderId: ref('exchange_order_id').references(() => orders.id, { onDelete: 'set null' }),
    /** the money is due (policy or merchant); the sync issues it through returnProcess */
    refundDueAt: ts('refund_due_at'),
    cost: numeric('cost', { precision: 14, scale: 2 }).notNull().default('0'),
    syncError: text('sync_error'),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    approvedAt: ts('approved_at'),
    declinedAt: ts('declined_at'),
    inTransitAt: ts('in_transit_at'),
    receivedAt: ts('received_at'),
    gradedAt: ts('graded_at'),
    refundedAt: ts('refunded_at'),
    closedAt: ts('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('returns_shop_channel_ext_uq').on(t.shopId, t.channel, t.externalId),
    uniqueIndex('returns_shop_rma_uq').on(t.shopId, t.rma),
    index('returns_shop_order_idx').on(t.shopId, t.orderExternalId),
    index('returns_shop_state_idx').on(t.shopId, t.state, t.requestedAt),
    index('returns_shop_warehouse_idx').on(t.shopId, t.warehouseId, t.state),
  ],
);

export const returnLines = pgTable(
  'return_lines',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    returnId: ref('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    lineItemExternalId: text('line_item_external_id'),
    orderLineId: ref('order_line_id').references(() => orderLines.id, { onDelete: 'set null' }),
    fulfillmentLineExternalId: text('fulfillment_line_external_id'),
    rfoLineExternalId: text('rfo_line_external_id'),
    sku: text('sku'),
    title: text('title').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }).notNull().default('0'),
    reason: text('reason'),
    customerNote: text('customer_note'),
    receivedQuantity: integer('received_quantity').notNull().default(0),
    grades: jsonb('grades').$type<{ grade: Grade; quantity: number }[]>().notNull().default([]),
    photoUrls: text('photo_urls').array().notNull().default([]),
    /** units disposed in Shopify (reverseFulfillmentOrderDispose) */
    disposedQuantity: integer('disposed_quantity').notNull().default(0),
    /** the customer wants this SKU instead of their money for `exchange_quantity` of the units */
    exchangeSku: text('exchange_sku'),
    exchangeVariantExternalId: text('exchange_variant_external_id'),
    exchangeTitle: text('exchange_title'),
    exchangeQuantity: integer('exchange_quantity').notNull().default(0),
    /** Shopify's ExchangeLineItem id once the return carries it */
    exchangeExternalId: text('exchange_external_id'),
  },
  (t) => [
    uniqueIndex('return_lines_return_ext_uq').on(t.returnId, t.externalId),
    index('return_lines_shop_idx').on(t.shopId),
    check('return_lines_received_le_quantity', sql`${t.receivedQuantity} <= ${t.quantity}`),
    check(
      'return_lines_exchange_le_quantity',
      sql`${t.exchangeQuantity} >= 0 and ${t.exchangeQuantity} <= ${t.quantity}`,
    ),
  ],
);

/** A 3PL's receipt, once per idempotency key; a replay answers with the stored response. */
export const returnReceipts = pgTable(
  'return_receipts',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    returnId: ref('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('return_receipts_key_uq').on(t.warehouseId, t.idempotencyKey),
    index('return_receipts_shop_idx').on(t.shopId, t.returnId),
  ],
);

/** A shop's return rules and its RMA counter. */
export const returnPolicies = pgTable('return_policies', {
  shopId: ref('shop_id')
    .primaryKey()
    .references(() => shops.id, { onDelete: 'cascade' }),
  policy: jsonb('policy').$type<ReturnPolicy>().notNull(),
  lastRma: integer('last_rma').notNull().default(0),
  updatedAt: updatedAt(),
});
