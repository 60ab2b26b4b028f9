import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from './columns.js';
import { shops } from './shops.js';

/**
 * Privacy requests and what we did about them: a data_request keeps the export for the
 * merchant to download; a redact records what was erased.
 */
export const complianceRecords = pgTable(
  'compliance_records',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    customerExternalId: text('customer_external_id'),
    requestExternalId: text('request_external_id'),
    export: jsonb('export').$type<unknown>(),
    summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('compliance_records_shop_idx').on(t.shopId, t.createdAt)],
);
