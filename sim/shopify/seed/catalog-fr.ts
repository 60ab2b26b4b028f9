import type { ProductInput } from '../ops/catalog.js';
import { ACCESSORY_FAMILIES } from './catalog-fr-accessories.js';
import { CLOTHING_FAMILIES } from './catalog-fr-clothing.js';
import { productOf } from './catalog-fr-family.js';

/** The demo merchant's 40 products (French names, SKUs like TSHIRT-BLEU-M). */
export function frenchCatalog(vendor: string): ProductInput[] {
  return [...CLOTHING_FAMILIES, ...ACCESSORY_FAMILIES].map((f) => productOf(f, vendor));
}
