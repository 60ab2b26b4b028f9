import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, ref, ts } from './columns.js';
import { shops } from './shops.js';

/**
 * Every signature-valid webhook lands here before it is acknowledged. The raw body is kept
 * as text so the worker parses ids as strings and nothing is lost to float precision.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: id(),
    source: text('source').notNull(),
    eventId: text('event_id').notNull(),
    shopDomain: text('shop_domain').notNull(),
    shopId: ref('shop_id').references(() => shops.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    webhookId: text('webhook_id'),
    apiVersion: text('api_version'),
    triggeredAt: ts('triggered_at'),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'processed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    uniqueIndex('inbox_source_event_uq').on(t.source, t.eventId),
    index('inbox_shop_idx').on(t.shopId),
    index('inbox_pending_idx').on(t.status, t.receivedAt),
  ],
);
