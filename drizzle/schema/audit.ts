import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from './columns.js';
import { shops } from './shops.js';

/** What happened to which entity, by whom: the order timeline is read from here. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_shop_entity_idx').on(t.shopId, t.entity, t.entityId, t.createdAt)],
);
