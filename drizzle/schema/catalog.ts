import { doublePrecision, index, integer, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';

/** One row per stock-keeping unit; the SKU code is the key every channel and 3PL shares. */
export const skus = pgTable(
  'skus',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    title: text('title').notNull().default(''),
    productExternalId: text('product_external_id'),
    variantExternalId: text('variant_external_id'),
    inventoryItemExternalId: text('inventory_item_external_id'),
    price: numeric('price', { precision: 14, scale: 2 }).notNull().default('0'),
    unitCost: numeric('unit_cost', { precision: 14, scale: 2 }),
    supplier: text('supplier'),
    packSize: integer('pack_size').notNull().default(1),
    moq: integer('moq').notNull().default(1),
    leadTimeDays: integer('lead_time_days'),
    leadTimeStdDays: doublePrecision('lead_time_std_days'),
    /** Shopify's updated_at of the product version last applied: an older webhook never overwrites a newer one */
    sourceUpdatedAt: ts('source_updated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('skus_shop_sku_uq').on(t.shopId, t.sku),
    index('skus_shop_item_idx').on(t.shopId, t.inventoryItemExternalId),
    index('skus_shop_variant_idx').on(t.shopId, t.variantExternalId),
    // the product-details block finds a product's SKUs on every product page view
    index('skus_shop_product_idx').on(t.shopId, t.productExternalId),
  ],
);
