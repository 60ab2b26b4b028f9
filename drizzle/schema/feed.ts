import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

/**
 * Answers of the 3PL feed's writes, kept per (warehouse, scope, key) so a retry with the same
 * Idempotency-Key gets the first answer back, and the same key with another body is refused.
 */
export const feedIdempotencyKeys = pgTable(
  'feed_idempotency_keys',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    /** the operation and the resource in its path, e.g. `createShipment:42` */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feed_idempotency_keys_uq').on(t.shopId, t.warehouseId, t.scope, t.key),
    index('feed_idempotency_keys_created_idx').on(t.createdAt),
  ],
);

export const feedWebhookEventTypes = ['allocation.ready', 'allocation.cancel_requested'] as const;
export type FeedWebhookEventType = (typeof feedWebhookEventTypes)[number];

/** Where a 3PL wants to hear of new work: one endpoint per warehouse, its secret encrypted at rest. */
export const feedWebhookSubscriptions = pgTable(
  'feed_webhook_subscriptions',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secretEnc: text('secret_enc').notNull(),
    events: text('events').array().$type<FeedWebhookEventType[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feed_webhook_subscriptions_wh_uq').on(t.warehouseId),
    index('feed_webhook_subscriptions_shop_idx').on(t.shopId),
  ],
);

/**
 * One notification to one subscription, written in the same transaction as the change it tells
 * of (a trigger on allocations), delivered at least once with backoff by the workers.
 */
export const feedWebhookDeliveries = pgTable(
  'feed_webhook_deliveries',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    subscriptionId: ref('subscription_id')
      .notNull()
      .references(() => feedWebhookSubscriptions.id, { onDelete: 'cascade' }),
    /** the Standard Webhooks `webhook-id`: the same for every attempt, so receivers deduplicate */
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feed_webhook_deliveries_msg_uq').on(t.messageId),
    index('feed_webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('feed_webhook_deliveries_shop_idx').on(t.shopId, t.warehouseId),
  ],
);
