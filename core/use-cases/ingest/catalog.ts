import { createCatalogRepo } from '../../db/catalog-repo.js';
import {
  gid,
  restDeletedSchema,
  restInventoryItemSchema,
  restProductSchema,
  type RestProduct,
} from '../../integrations/shopify/rest-payloads.js';
import type { CatalogSku } from '../../db/catalog-repo.js';
import type { TopicHandler } from './types.js';

/** A product's variants with a SKU, as catalogue rows (the same title rule as the import). */
export function skusOfProduct(p: RestProduct): CatalogSku[] {
  const productId = p.admin_graphql_api_id ?? gid('Product', p.id);
  const at = new Date(p.updated_at);
  return p.variants
    .filter((v) => v.sku)
    .map((v) => ({
      sku: v.sku!,
      title: !v.title || v.title === 'Default Title' || v.title === p.title ? p.title : `${p.title} - ${v.title}`,
      productExternalId: productId,
      variantExternalId: v.admin_graphql_api_id ?? gid('ProductVariant', v.id),
      inventoryItemExternalId: v.inventory_item_id ? gid('InventoryItem', v.inventory_item_id) : null,
      price: v.price,
      unitCost: null,
      supplier: p.vendor,
      sourceUpdatedAt: Number.isFinite(at.getTime()) ? at : null,
    }));
}

/**
 * products/create, products/update: every variant with a SKU is upserted into the catalogue,
 * so a product made after install is known before an order names it. An older version of the
 * product (webhooks arrive out of order) changes nothing. products/delete: the SKUs keep their
 * stock history but no longer point at the deleted product.
 */
export const ingestProduct: TopicHandler = async (tx, shop, payload, event) => {
  const catalog = createCatalogRepo(tx);
  if (event.topic === 'products/delete') {
    const d = restDeletedSchema.parse(payload);
    const n = await catalog.detachShopifyIds(shop.id, {
      productExternalId: d.admin_graphql_api_id ?? gid('Product', d.id),
    });
    return { outcome: n ? 'detached' : 'unknown' };
  }
  const rows = skusOfProduct(restProductSchema.parse(payload));
  await catalog.upsertSkus(shop.id, rows);
  return { outcome: rows.length ? 'applied' : 'no_sku' };
};

/**
 * inventory_items/*: the cost Shopify keeps on the item becomes the SKU's unit cost (the SKU code
 * itself arrives with products/update); a deleted item is detached from its SKU.
 */
export const ingestInventoryItem: TopicHandler = async (tx, shop, payload, event) => {
  const catalog = createCatalogRepo(tx);
  if (event.topic === 'inventory_items/delete') {
    const d = restDeletedSchema.parse(payload);
    const n = await catalog.detachShopifyIds(shop.id, {
      inventoryItemExternalId: d.admin_graphql_api_id ?? gid('InventoryItem', d.id),
    });
    return { outcome: n ? 'detached' : 'unknown' };
  }
  const item = restInventoryItemSchema.parse(payload);
  const n = await catalog.setUnitCostByItem(
    shop.id,
    item.admin_graphql_api_id ?? gid('InventoryItem', item.id),
    item.cost,
  );
  // the item of a variant not yet known: products/create (or the daily reconcile) brings the SKU
  return { outcome: n ? 'applied' : 'unknown' };
};
