import { createCatalogRepo, type CatalogSku } from '../db/catalog-repo.js';
import type { Db } from '../db/client.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { NotFoundError } from '../errors.js';
import type { ShopifyGraphql } from '../integrations/shopify/graphql.js';
import { CATALOG_VARIANTS, type CatalogVariantsPage } from '../integrations/shopify/operations/catalog.js';
import type { Logger } from '../logger.js';

/**
 * Reads every variant of the shop and upserts the SKUs, so a product, variant or SKU a webhook
 * missed is known by the next day at the latest. Each row carries the product's updated_at: a
 * newer version already applied from a webhook is left alone. Returns what it checked and the
 * SKUs it found missing or different.
 */
export async function reconcileCatalog(
  deps: { db: Db; shopify: ShopifyGraphql; log: Logger },
  input: { shopId: number },
) {
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  if (shop.status !== 'active') return { skipped: 'shop not active' as const };
  const catalog = createCatalogRepo(deps.db);
  let checked = 0;
  const repaired: string[] = [];
  let after: string | null = null;
  do {
    const page: CatalogVariantsPage = await deps.shopify.request<CatalogVariantsPage>(shop.domain, CATALOG_VARIANTS, {
      after,
    });
    const rows: CatalogSku[] = page.productVariants.nodes
      .filter((v) => v.sku)
      .map((v) => ({
        sku: v.sku!,
        title:
          v.product.title === v.title || v.title === 'Default Title'
            ? v.product.title
            : `${v.product.title} - ${v.title}`,
        productExternalId: v.product.id,
        variantExternalId: v.id,
        inventoryItemExternalId: v.inventoryItem.id,
        price: v.price,
        unitCost: v.inventoryItem.unitCost?.amount ?? null,
        supplier: v.product.vendor ?? null,
        sourceUpdatedAt: new Date(v.product.updatedAt),
      }));
    checked += rows.length;
    const known = new Map(
      (
        await catalog.skusByCode(
          shop.id,
          rows.map((r) => r.sku),
        )
      ).map((s) => [s.sku, s]),
    );
    for (const r of rows) {
      const k = known.get(r.sku);
      if (
        !k ||
        k.variantExternalId !== r.variantExternalId ||
        k.inventoryItemExternalId !== r.inventoryItemExternalId ||
        k.title !== r.title ||
        Number(k.price) !== Number(r.price)
      )
        repaired.push(r.sku);
    }
    await catalog.upsertSkus(shop.id, rows);
    after = page.productVariants.pageInfo.hasNextPage ? page.productVariants.pageInfo.endCursor : null;
  } while (after);
  if (repaired.length)
    deps.log.warn(
      { shop: shop.domain, repaired: repaired.length },
      'catalogue reconciliation found SKUs a webhook missed',
    );
  return { checked, repaired: repaired.length, skus: repaired.slice(0, 100) };
}
