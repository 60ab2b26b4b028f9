import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';

export const returns = pgTable('returns', {
  id: id(),
  shopId: ref('shop_id').notNull().references(() => shops.id, { onDelete: 'cascade' }),
  channel: text('channel').notNull().default('shopify'),
  externalId: text('external_id').notNull(),
  orderExternalId: text('order_external_id'),
  name: text('name'),
  status: text('status').notNull(),
  totalQuantity: integer('total_quantity').notNull().default(0),
  data: jsonb('data').$type<unknown>(),
  sourceUpdatedAt: ts('source_updated_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('returns_shop_channel_ext_uq').on(t.shopId, t.channel, t.externalId),
  index('returns_shop_order_idx').on(t.shopId, t.orderExternalId),
]);

export const returnLines = pgTable('return_lines', {
  id: id(),
  shopId: ref('shop_id').notNull().references(() => shops.id, { onDelete: 'cascade' }),
  returnId: ref('return_id').notNull().references(() => returns.id, { onDelete: 'cascade' }),
  externalId: text('external_id').notNull(),
  lineItemExternalId: text('line_item_external_id'),
  sku: text('sku'),
  quantity: integer('quantity').notNull(),
  reason: text('reason'),
}, (t) => [
  uniqueIndex('return_lines_return_ext_uq').on(t.returnId, t.externalId),
  index('return_lines_shop_idx').on(t.shopId),
]);
