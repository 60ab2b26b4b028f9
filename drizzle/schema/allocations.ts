import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { skus } from './catalog.js';
import { orderLines, orders } from './orders.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

export const allocationStatuses = [
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'rejected',
  'partially_shipped',
  'shipped',
  'cancel_requested',
  'cancelled',
] as const;
export type AllocationStatus = (typeof allocationStatuses)[number];

/** One shipment-to-be: a set of order lines given to one warehouse, with the trace that chose it. */
export const allocations = pgTable(
  'allocations',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    status: text('status', { enum: allocationStatuses }).notNull().default('reserved'),
    /** routing attempt number for the order; (order, attempt, warehouse) is unique */
    attempt: integer('attempt').notNull().default(1),
    trace: jsonb('trace').$type<unknown>().notNull(),
    promisedShipBy: ts('promised_ship_by'),
    promisedDeliveryBy: ts('promised_delivery_by'),
    /** the warehouse-local day it ships on: what daily capacity counts */
    shipDate: text('ship_date'),
    serviceLevel: text('service_level'),
    cost: numeric('cost', { precision: 12, scale: 2 }),
    distanceKm: doublePrecision('distance_km'),
    locationExternalId: text('location_external_id'),
    /** sent with every push to the 3PL, so a retried push is recognised as the same order */
    idempotencyKey: text('idempotency_key').notNull(),
    dispatchAttempts: integer('dispatch_attempts').notNull().default(0),
    dispatchError: text('dispatch_error'),
    leaseUntil: ts('lease_until'),
    leaseToken: text('lease_token'),
    dispatchedAt: ts('dispatched_at'),
    acknowledgedAt: ts('acknowledged_at'),
    rejectReason: text('reject_reason'),
    fulfillmentOrderExternalId: text('fulfillment_order_external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('allocations_order_attempt_wh_uq').on(t.orderId, t.attempt, t.warehouseId),
    index('allocations_shop_wh_status_idx').on(t.shopId, t.warehouseId, t.status, t.id),
    index('allocations_shop_order_idx').on(t.shopId, t.orderId),
    index('allocations_wh_ship_date_idx').on(t.warehouseId, t.shipDate),
    uniqueIndex('allocations_idem_uq').on(t.idempotencyKey),
    // open work by promise: the admin's "late" and "awaiting 3PL" read this small index, never history
    index('allocations_open_promise_idx')
      .on(t.shopId, t.promisedShipBy, t.orderId, t.status)
      .where(sql`status in ('reserved', 'ready', 'leased', 'acknowledged', 'partially_shipped', 'cancel_requested')`),
    // the overview's hand-over times of the past week
    index('allocations_shop_acknowledged_idx')
      .on(t.shopId, t.acknowledgedAt, t.orderId)
      .where(sql`acknowledged_at is not null`),
  ],
);

/** Units of an order line nothing could ship yet, and what the backorder policy decided. */
export const backorders = pgTable(
  'backorders',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    orderLineId: ref('order_line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    outcome: text('outcome', { enum: ['hold', 'partial', 'cancel_at'] }).notNull(),
    cancelAt: ts('cancel_at'),
    status: text('status', { enum: ['open', 'resolved', 'cancelled'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('backorders_line_uq').on(t.orderLineId),
    index('backorders_shop_sku_idx').on(t.shopId, t.sku, t.status),
    index('backorders_due_idx').on(t.status, t.cancelAt),
  ],
);

/** Every push of an allocation to a 3PL's own API, kept for the timeline and for support. */
export const dispatchAttempts = pgTable(
  'dispatch_attempts',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    allocationId: ref('allocation_id')
      .notNull()
      .references(() => allocations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['dispatch', 'cancel'] })
      .notNull()
      .default('dispatch'),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
  },
  (t) => [index('dispatch_attempts_shop_alloc_idx').on(t.shopId, t.allocationId)],
);

export const allocationLines = pgTable(
  'allocation_lines',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    allocationId: ref('allocation_id')
      .notNull()
      .references(() => allocations.id, { onDelete: 'cascade' }),
    orderLineId: ref('order_line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id),
    quantity: integer('quantity').notNull(),
    shippedQuantity: integer('shipped_quantity').notNull().default(0),
    /** where Shopify holds this line once placed: the tracking push needs no extra query */
    foExternalId: text('fo_external_id'),
    foLineExternalId: text('fo_line_external_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('allocation_lines_alloc_line_uq').on(t.allocationId, t.orderLineId),
    index('allocation_lines_shop_idx').on(t.shopId),
  ],
);

/**
 * The overview's hand-over rollup: one row per order, from its placing to the first
 * acknowledgement of any of its allocations, kept as allocations are acknowledged (the allocations
 * repository writes it with the acknowledgement). The week's figures read a week of this narrow
 * index, never the allocations and orders behind it.
 */
export const orderHandovers = pgTable(
  'order_handovers',
  {
    orderId: ref('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    acknowledgedAt: ts('acknowledged_at').notNull(),
    /** acknowledged_at − placed_at, in minutes */
    minutes: doublePrecision('minutes').notNull(),
  },
  (t) => [index('order_handovers_shop_ack_idx').on(t.shopId, t.acknowledgedAt, t.minutes)],
);
