import { integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, updatedAt } from './columns.js';
import { shops } from './shops.js';

/** The shop's ordered routing rules, as one document: reordering is one write. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    rules: jsonb('rules').$type<unknown[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('routing_rules_shop_uq').on(t.shopId)],
);
