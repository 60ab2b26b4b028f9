import type { ProductInput } from '../ops/catalog.js';

/** One product of the demo catalogue, and the sizes it comes in. */
export interface Family {
  title: string;
  base: string;
  type: string;
  price: string;
  grams: number;
  hs: string;
  /** Variant axis: sizes, or none for single-variant products. */
  sizes: string[];
}

export const CLOTHING = ['S', 'M', 'L', 'XL'];
export const TROUSERS = ['38', '40', '42', '44'];
export const SHOES = ['38', '39', '40', '41', '42', '43'];

/** A family as the Shopify product the merchant would have made: one variant per size, SKUs like TSHIRT-BLEU-M. */
export function productOf(f: Family, vendor: string): ProductInput {
  return {
    title: f.title,
    vendor,
    productType: f.type,
    tags: [f.type.toLowerCase()],
    variants:
      f.sizes.length === 0
        ? [{ sku: f.base, price: f.price, grams: f.grams, harmonizedSystemCode: f.hs, countryCodeOfOrigin: 'FR' }]
        : f.sizes.map((size) => ({
            sku: `${f.base}-${size}`,
            title: size,
            price: f.price,
            grams: f.grams,
            harmonizedSystemCode: f.hs,
            countryCodeOfOrigin: 'PT',
            options: [{ name: 'Taille', value: size }],
          })),
  };
}
