import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { allocationLines, allocations } from './allocations.js';
import { shops } from './shops.js';

export const shipments = pgTable(
  'shipments',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    allocationId: ref('allocation_id')
      .notNull()
      .references(() => allocations.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    carrier: text('carrier'),
    trackingNumbers: text('tracking_numbers').array().notNull().default([]),
    trackingUrls: text('tracking_urls').array().notNull().default([]),
    status: text('status', { enum: ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception'] })
      .notNull()
      .default('shipped'),
    shippedAt: ts('shipped_at').notNull(),
    deliveredAt: ts('delivered_at'),
    fulfillmentExternalId: text('fulfillment_external_id'),
    pushStatus: text('push_status', { enum: ['pending', 'pushed', 'failed'] })
      .notNull()
      .default('pending'),
    pushResult: jsonb('push_result').$type<unknown>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shipments_alloc_idem_uq').on(t.allocationId, t.idempotencyKey),
    index('shipments_shop_idx').on(t.shopId, t.createdAt),
    // "shipped today": a time range of the shop's local day
    index('shipments_shop_shipped_idx').on(t.shopId, t.shippedAt, t.allocationId),
    // the shop's new shipments still to push, read by each tick's push run; rows leave it once pushed
    index('shipments_shop_push_pending_idx')
      .on(t.shopId, t.createdAt)
      .where(sql`push_status = 'pending'`),
  ],
);

/** Carrier events the 3PL reports for a shipment; the newest decides the shipment status. */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    shipmentId: ref('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['in_transit', 'out_for_delivery', 'delivered', 'exception'] }).notNull(),
    occurredAt: ts('occurred_at').notNull(),
    description: text('description'),
    location: text('location'),
    pushStatus: text('push_status', { enum: ['pending', 'pushed', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tracking_events_uq').on(t.shipmentId, t.status, t.occurredAt),
    index('tracking_events_shop_idx').on(t.shopId, t.shipmentId),
    // the shop's scans still to push (push-due-scans.ts, the sweeper): few rows, however long the history
    index('tracking_events_pending_idx')
      .on(t.shopId, t.createdAt)
      .where(sql`push_status = 'pending'`),
  ],
);

export const shipmentLines = pgTable(
  'shipment_lines',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    shipmentId: ref('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    allocationLineId: ref('allocation_line_id')
      .notNull()
      .references(() => allocationLines.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
  },
  (t) => [index('shipment_lines_shop_idx').on(t.shopId, t.shipmentId)],
);
