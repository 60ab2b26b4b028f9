import type { SimCore } from '../core/sim-core.js';
import type { SimProduct, SimShop, SimVariant } from '../state/types.js';

/** One variant to create. */
export interface VariantInput {
  sku: string;
  title?: string;
  /** Price in major units ("19.90" or 19.9). */
  price: string | number;
  grams?: number;
  barcode?: string;
  options?: { name: string; value: string }[];
  inventoryPolicy?: 'DENY' | 'CONTINUE';
  requiresShipping?: boolean;
  tracked?: boolean;
  unitCost?: string | number;
  countryCodeOfOrigin?: string;
  harmonizedSystemCode?: string;
}

/** One product to create. */
export interface ProductInput {
  title: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  handle?: string;
  variants: VariantInput[];
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Adds products with their variants and inventory items (no stock: see setStock). */
export function addProducts(core: SimCore, shop: SimShop, inputs: readonly ProductInput[]): SimProduct[] {
  const out: SimProduct[] = [];
  const now = core.clock.now();
  for (const input of inputs) {
    const product: SimProduct = {
      id: core.ids.next(),
      title: input.title,
      handle: input.handle ?? slug(input.title),
      vendor: input.vendor ?? shop.name,
      productType: input.productType ?? '',
      tags: input.tags ?? [],
      status: 'ACTIVE',
      variantIds: [],
      createdAt: now,
      updatedAt: now,
    };
    shop.products.set(product.id, product);
    input.variants.forEach((v, i) => {
      if ([...shop.variants.values()].some((x) => x.sku === v.sku)) throw new Error(`duplicate sku ${v.sku}`);
      const variantId = core.ids.next();
      const itemId = core.ids.next();
      const variant: SimVariant = {
        id: variantId,
        productId: product.id,
        title: v.title ?? 'Default Title',
        sku: v.sku,
        barcode: v.barcode ?? null,
        priceCents: Math.round(Number(v.price) * 100),
        grams: v.grams ?? 250,
        position: i + 1,
        inventoryItemId: itemId,
        inventoryPolicy: v.inventoryPolicy ?? 'DENY',
        options: v.options ?? [{ name: 'Title', value: v.title ?? 'Default Title' }],
        createdAt: now,
        updatedAt: now,
      };
      shop.variants.set(variantId, variant);
      shop.inventoryItems.set(itemId, {
        id: itemId,
        variantId,
        sku: v.sku,
        tracked: v.tracked ?? true,
        requiresShipping: v.requiresShipping ?? true,
        unitCostCents: v.unitCost === undefined ? null : Math.round(Number(v.unitCost) * 100),
        countryCodeOfOrigin: v.countryCodeOfOrigin ?? null,
        harmonizedSystemCode: v.harmonizedSystemCode ?? null,
        createdAt: now,
        updatedAt: now,
      });
      product.variantIds.push(variantId);
    });
    out.push(product);
  }
  return out;
}

export function findVariantBySku(shop: SimShop, sku: string): SimVariant | undefined {
  for (const v of shop.variants.values()) if (v.sku === sku) return v;
  return undefined;
}
