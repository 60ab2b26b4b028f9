import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ref, updatedAt } from './columns.js';
import { skus } from './catalog.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

export const movementReasons = [
  'received',
  'shipped',
  'returned',
  'adjusted',
  'snapshot_correction',
  'damaged',
  'initial',
] as const;
export type MovementReason = (typeof movementReasons)[number];

/**
 * On hand and reserved per SKU and warehouse. The CHECK constraints make an oversell
 * impossible even for a caller that forgets the conditional update.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    /** returned units graded damaged: held at the warehouse, never sellable */
    damaged: integer('damaged').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('stock_levels_wh_sku_uq').on(t.warehouseId, t.skuId),
    index('stock_levels_shop_sku_idx').on(t.shopId, t.skuId),
    check('stock_levels_reserved_nonneg', sql`${t.reserved} >= 0`),
    check('stock_levels_reserved_le_on_hand', sql`${t.reserved} <= ${t.onHand}`),
    check('stock_levels_damaged_nonneg', sql`${t.damaged} >= 0`),
  ],
);

/** The ledger: on hand is always the sum of these deltas. */
export const inventoryMovements = pgTable(
  'inventory_movements',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    reason: text('reason', { enum: movementReasons }).notNull(),
    reference: text('reference').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('inventory_movements_shop_sku_idx').on(t.shopId, t.skuId, t.createdAt),
    uniqueIndex('inventory_movements_ref_uq').on(t.warehouseId, t.skuId, t.reason, t.reference),
  ],
);
