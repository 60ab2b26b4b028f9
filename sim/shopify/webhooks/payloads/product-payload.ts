import { gid } from '../../core/ids.js';
import { formatMoney } from '../../core/money.js';
import type { SimInventoryItem, SimProduct, SimShop } from '../../state/types.js';
import { restTime } from './common.js';

/** The product's one picture: the simulator's products all carry a placeholder image, as the schema requires. */
function image(shop: SimShop, p: SimProduct) {
  return {
    id: p.id + 1,
    product_id: p.id,
    position: 1,
    alt: null,
    width: 800,
    height: 800,
    src: `https://cdn.shopify.com/s/files/1/0000/0001/files/${p.handle || 'product'}.jpg`,
    created_at: restTime(shop, p.createdAt),
    updated_at: restTime(shop, p.updatedAt),
    variant_ids: [] as number[],
    admin_graphql_api_id: gid('ProductImage', p.id + 1),
  };
}

/** products/create and products/update: the product with its variants, as the REST Admin API shows it. */
export function productPayload(shop: SimShop, p: SimProduct): Record<string, unknown> {
  const variants = p.variantIds.map((id) => shop.variants.get(id)).filter((v) => v !== undefined);
  const stockOf = (itemId: number) =>
    [...shop.levels.values()]
      .filter((l) => l.inventoryItemId === itemId)
      .reduce((n, l) => n + l.quantities.available, 0);
  const optionNames = variants[0]?.options.map((o) => o.name) ?? ['Title'];
  const img = image(shop, p);
  return {
    admin_graphql_api_id: gid('Product', p.id),
    body_html: '',
    category: null,
    created_at: restTime(shop, p.createdAt),
    handle: p.handle,
    has_variants_that_requires_components: false,
    id: p.id,
    image: img,
    images: [img],
    media: [],
    options: optionNames.map((name, i) => ({
      id: p.id * 10 + i,
      product_id: p.id,
      name,
      position: i + 1,
      values: [...new Set(variants.map((v) => v.options[i]?.value ?? 'Default Title'))],
    })),
    product_type: p.productType,
    published_at: restTime(shop, p.createdAt),
    published_scope: 'global',
    status: p.status.toLowerCase(),
    tags: p.tags.join(', '),
    template_suffix: null,
    title: p.title,
    updated_at: restTime(shop, p.updatedAt),
    variant_gids: variants.map((v) => ({
      admin_graphql_api_id: gid('ProductVariant', v.id),
      updated_at: restTime(shop, v.updatedAt),
    })),
    variants: variants.map((v) => {
      const item = shop.inventoryItems.get(v.inventoryItemId);
      const available = stockOf(v.inventoryItemId);
      return {
        admin_graphql_api_id: gid('ProductVariant', v.id),
        barcode: v.barcode,
        compare_at_price: null,
        created_at: restTime(shop, v.createdAt),
        fulfillment_service: 'manual',
        grams: v.grams,
        id: v.id,
        image_id: null,
        inventory_item_id: v.inventoryItemId,
        inventory_management: item?.tracked === false ? 'not_managed' : 'shopify',
        inventory_policy: v.inventoryPolicy.toLowerCase(),
        inventory_quantity: available,
        old_inventory_quantity: available,
        option1: v.options[0]?.value ?? v.title,
        option2: v.options[1]?.value ?? null,
        option3: v.options[2]?.value ?? null,
        position: v.position,
        price: formatMoney(v.priceCents),
        product_id: p.id,
        requires_shipping: item?.requiresShipping ?? true,
        sku: v.sku || null,
        taxable: true,
        title: v.title,
        updated_at: restTime(shop, v.updatedAt),
        weight: v.grams / 1000,
        weight_unit: 'kg',
      };
    }),
    vendor: p.vendor,
  };
}

/** products/delete carries the id only. */
export function productDeletePayload(p: SimProduct): Record<string, unknown> {
  return { id: p.id };
}

/** inventory_items/create and inventory_items/update. */
export function inventoryItemPayload(shop: SimShop, item: SimInventoryItem): Record<string, unknown> {
  return {
    admin_graphql_api_id: gid('InventoryItem', item.id),
    cost: item.unitCostCents === null ? '0.00' : formatMoney(item.unitCostCents),
    country_code_of_origin: item.countryCodeOfOrigin,
    country_harmonized_system_codes: [],
    created_at: restTime(shop, item.createdAt),
    harmonized_system_code: item.harmonizedSystemCode,
    id: item.id,
    province_code_of_origin: null,
    requires_shipping: item.requiresShipping,
    sku: item.sku,
    tracked: item.tracked,
    updated_at: restTime(shop, item.updatedAt),
    weight_unit: 'GRAMS',
    weight_value: shop.variants.get(item.variantId)?.grams ?? 0,
  };
}

/** inventory_items/delete. */
export function inventoryItemDeletePayload(item: SimInventoryItem): Record<string, unknown> {
  return {
    admin_graphql_api_id: gid('InventoryItem', item.id),
    country_code_of_origin: item.countryCodeOfOrigin,
    country_harmonized_system_codes: [],
    harmonized_system_code: item.harmonizedSystemCode,
    id: item.id,
    province_code_of_origin: null,
  };
}
