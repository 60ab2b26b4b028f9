import type { SimCore } from '../core/sim-core.js';
import type { SimProduct, SimShop, SimVariant } from '../state/types.js';
import {
  inventoryItemDeletePayload,
  inventoryItemPayload,
  productDeletePayload,
  productPayload,
} from '../webhooks/payloads/product-payload.js';

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
    for (const id of product.variantIds) {
      const item = shop.inventoryItems.get(shop.variants.get(id)!.inventoryItemId)!;
      core.events.emit(shop, 'inventory_items/create', () => inventoryItemPayload(shop, item));
    }
    core.events.emit(shop, 'products/create', () => productPayload(shop, product));
  }
  return out;
}

/** A merchant's change to one variant (SKU, price, title, unit cost). */
export interface VariantUpdate {
  sku?: string;
  price?: string | number;
  title?: string;
  unitCost?: string | number | null;
}

/**
 * Changes a variant; emits products/update, and inventory_items/update when the SKU or the
 * cost (both kept on the inventory item) changed.
 */
export function updateVariant(core: SimCore, shop: SimShop, variant: SimVariant, update: VariantUpdate): SimVariant {
  if (
    update.sku !== undefined &&
    update.sku !== variant.sku &&
    [...shop.variants.values()].some((x) => x.sku === update.sku)
  )
    throw new Error(`duplicate sku ${update.sku}`);
  const now = core.clock.now();
  const item = shop.inventoryItems.get(variant.inventoryItemId)!;
  const itemChanged = (update.sku !== undefined && update.sku !== variant.sku) || update.unitCost !== undefined;
  if (update.sku !== undefined) variant.sku = item.sku = update.sku;
  if (update.price !== undefined) variant.priceCents = Math.round(Number(update.price) * 100);
  if (update.title !== undefined) variant.title = update.title;
  if (update.unitCost !== undefined)
    item.unitCostCents = update.unitCost === null ? null : Math.round(Number(update.unitCost) * 100);
  variant.updatedAt = now;
  const product = shop.products.get(variant.productId)!;
  product.updatedAt = now;
  if (itemChanged) {
    item.updatedAt = now;
    core.events.emit(shop, 'inventory_items/update', () => inventoryItemPayload(shop, item));
  }
  core.events.emit(shop, 'products/update', () => productPayload(shop, product));
  return variant;
}

/** Deletes a product with its variants and inventory items; emits inventory_items/delete, then products/delete. */
export function deleteProduct(core: SimCore, shop: SimShop, product: SimProduct): void {
  for (const id of product.variantIds) {
    const v = shop.variants.get(id);
    if (!v) continue;
    const item = shop.inventoryItems.get(v.inventoryItemId);
    for (const [key, level] of shop.levels) if (level.inventoryItemId === v.inventoryItemId) shop.levels.delete(key);
    shop.variants.delete(id);
    if (item) {
      shop.inventoryItems.delete(item.id);
      core.events.emit(shop, 'inventory_items/delete', () => inventoryItemDeletePayload(item));
    }
  }
  shop.products.delete(product.id);
  core.events.emit(shop, 'products/delete', () => productDeletePayload(product));
}

export function findVariantBySku(shop: SimShop, sku: string): SimVariant | undefined {
  for (const v of shop.variants.values()) if (v.sku === sku) return v;
  return undefined;
}
