import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { orders } from './orders.js';
import { shipments } from './shipments.js';
import { shops } from './shops.js';
import { delayReasons } from '../../core/domain/customers/delay.js';

export const emailStatuses = ['pending', 'sending', 'sent', 'parked', 'delegated', 'skipped'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * One row per message the app owes someone. `subject_key` names what the message is about
 * (`shipment:12`, `order:7`, `digest:2026-12-03`); with `kind` it is unique per shop, so no
 * retry, replay or second worker ever writes (or sends) the same message twice.
 * `delegated` means Shopify's own notification is the one the customer gets.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    shipmentId: ref('shipment_id').references(() => shipments.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
    kind: text('kind').notNull(),
    sender: text('sender', { enum: ['app', 'shopify'] })
      .notNull()
      .default('app'),
    status: text('status', { enum: emailStatuses }).notNull().default('pending'),
    toAddress: text('to_address'),
    locale: text('locale').notNull().default('en'),
    /** the template's input, fixed when the message was decided */
    data: jsonb('data').$type<unknown>().notNull(),
    subject: text('subject'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    leaseUntil: ts('lease_until'),
    /** our Message-ID header, and what the SMTP server answered when it took the message */
    messageId: text('message_id'),
    smtpResponse: text('smtp_response'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('email_outbox_subject_kind_uq').on(t.shopId, t.subjectKey, t.kind),
    index('email_outbox_shop_idx').on(t.shopId, t.createdAt),
    index('email_outbox_status_idx').on(t.status, t.updatedAt),
  ],
);

/** The customer's tracking page: one unguessable token per order, no login. */
export const trackingPages = pgTable(
  'tracking_pages',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    expiresAt: ts('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tracking_pages_token_uq').on(t.token),
    uniqueIndex('tracking_pages_order_uq').on(t.orderId),
    index('tracking_pages_shop_idx').on(t.shopId),
  ],
);

export type { DelayReason } from '../../core/domain/customers/delay.js';

/** A shipment found late by the delay job; raised once per shipment, resolved on delivery. */
export const shipmentDelays = pgTable(
  'shipment_delays',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    orderId: ref('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    shipmentId: ref('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: delayReasons }).notNull(),
    detectedAt: ts('detected_at').notNull(),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('shipment_delays_shipment_uq').on(t.shipmentId),
    index('shipment_delays_shop_idx').on(t.shopId, t.resolvedAt),
    index('shipment_delays_order_idx').on(t.orderId),
  ],
);
