import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { skus } from './catalog.js';
import { orderLines, orders } from './orders.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

export const allocationStatuses = ['reserved', 'ready', 'leased', 'acknowledged', 'rejected', 'partially_shipped', 'shipped', 'cancel_requested', 'cancelled'] as const;
export type AllocationStatus = (typeof allocationStatuses)[number];

/** One shipment-to-be: a set of order lines given to one warehouse, with the trace that chose it. */
export const allocations = pgTable('allocations', {
  id: id(),
  shopId: ref('shop_id').notNull().references(() => shops.id, { onDelete: 'cascade' }),
  orderId: ref('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  warehouseId: ref('warehouse_id').notNull().references(() => warehouses.id),
  status: text('status', { enum: allocationStatuses }).notNull().default('reserved'),
  /** routing attempt number for the order; (order, attempt, warehouse) is unique */
  attempt: integer('attempt').notNull().default(1),
  trace: jsonb('trace').$type<unknown>().notNull(),
  promisedShipBy: ts('promised_ship_by'),
  promisedDeliveryBy: ts('promised_delivery_by'),
  leaseUntil: ts('lease_until'),
  dispatchedAt: ts('dispatched_at'),
  acknowledgedAt: ts('acknowledged_at'),
  rejectReason: text('reject_reason'),
  fulfillmentOrderExternalId: text('fulfillment_order_external_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('allocations_order_attempt_wh_uq').on(t.orderId, t.attempt, t.warehouseId),
  index('allocations_shop_wh_status_idx').on(t.shopId, t.warehouseId, t.status, t.id),
  index('allocations_shop_order_idx').on(t.shopId, t.orderId),
]);

export const allocationLines = pgTable('allocation_lines', {
  id: id(),
  shopId: ref('shop_id').notNull().references(() => shops.id, { onDelete: 'cascade' }),
  allocationId: ref('allocation_id').notNull().references(() => allocations.id, { onDelete: 'cascade' }),
  orderLineId: ref('order_line_id').notNull().references(() => orderLines.id, { onDelete: 'cascade' }),
  skuId: ref('sku_id').notNull().references(() => skus.id),
  quantity: integer('quantity').notNull(),
  shippedQuantity: integer('shipped_quantity').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('allocation_lines_alloc_line_uq').on(t.allocationId, t.orderLineId),
  index('allocation_lines_shop_idx').on(t.shopId),
]);
