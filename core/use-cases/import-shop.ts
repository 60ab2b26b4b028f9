import type { Db } from '../db/client.js';
import { createCatalogRepo, type CatalogSku } from '../db/catalog-repo.js';
import { lockOrders } from '../db/locks.js';
import { createOrdersRepo } from '../db/orders-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createSyncRepo } from '../db/sync-repo.js';
import { NotFoundError } from '../errors.js';
import { readJsonl, runBulkQuery } from '../integrations/shopify/bulk.js';
import type { ShopifyGraphql } from '../integrations/shopify/graphql.js';
import { normalizeGraphqlOrder } from '../integrations/shopify/normalize-order.js';
import {
  BULK_CATALOG_QUERY,
  LOCATIONS,
  SHOP_INFO,
  type ShopInfo,
  type BulkInventoryLevelLine,
  type BulkVariantLine,
  type LocationsPage,
} from '../integrations/shopify/operations/catalog.js';
import { bulkOrdersQuery, type GqlLineItem, type GqlOrder } from '../integrations/shopify/operations/orders.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueRouting } from '../queue/producers.js';

export interface ImportDeps {
  db: Db;
  shopify: ShopifyGraphql;
  queues: Queues;
  log: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const HISTORY_DAYS = 60;
const BATCH = 500;

/**
 * A shop's first import: locations, then the catalogue with Shopify's inventory levels, then
 * 60 days of orders, the last two through bulk operations (JSONL). Progress (stage, percent,
 * counts) is written as it goes so the admin can show it. Open orders are queued for routing.
 */
export async function importShop(deps: ImportDeps, input: { shopId: number }) {
  const now = deps.now?.() ?? new Date();
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  const sync = createSyncRepo(deps.db);
  const catalog = createCatalogRepo(deps.db);
  const run = await sync.startImport(shop.id);
  const counts: Record<string, number> = { locations: 0, skus: 0, inventoryLevels: 0, orders: 0, openOrders: 0 };
  const progress = (stage: string, percent: number) =>
    sync.updateImport(shop.id, run.id, { stage, percent: Math.min(99, Math.round(percent)), counts: { ...counts } });

  try {
    // 1. the shop itself, then its locations: a handful, plain queries
    await progress('locations', 1);
    const info = await deps.shopify.request<ShopInfo>(shop.domain, SHOP_INFO);
    // the admin language follows the merchant's country until they choose one in Settings
    const locale = ['FR', 'BE', 'LU', 'MC', 'CH'].includes(info.shop.shopAddress?.countryCodeV2 ?? '') ? 'fr' : 'en';
    await createShopsRepo(deps.db).activate(shop.domain, {
      name: info.shop.name,
      email: info.shop.email,
      currency: info.shop.currencyCode,
      timezone: info.shop.ianaTimezone,
      locale,
    });
    if (!shop.reconcileCursor) await createShopsRepo(deps.db).updateSettings(shop.id, { language: locale });
    let after: string | null = null;
    do {
      const page: LocationsPage = await deps.shopify.request<LocationsPage>(shop.domain, LOCATIONS, { after });
      for (const l of page.locations.nodes) {
        await catalog.upsertLocation(
          shop.id,
          {
            externalId: l.id,
            name: l.name,
            active: l.isActive,
            isFulfillmentService: l.isFulfillmentService,
            address: {
              address1: l.address.address1,
              address2: l.address.address2,
              city: l.address.city,
              province: l.address.provinceCode,
              zip: l.address.zip,
              countryCode: l.address.countryCode,
            },
            latitude: l.address.latitude,
            longitude: l.address.longitude,
          },
          now,
        );
        counts.locations!++;
      }
      after = page.locations.pageInfo.hasNextPage ? page.locations.pageInfo.endCursor : null;
    } while (after);

    // 2. catalogue and Shopify's inventory levels
    await progress('catalog', 5);
    const catalogUrl = await runBulkQuery(deps.shopify, shop.domain, BULK_CATALOG_QUERY, {
      sleep: deps.sleep,
      onStarted: (id) => sync.updateImport(shop.id, run.id, { bulkOperationId: id }),
      onProgress: ({ objectCount }) =>
        sync.updateImport(shop.id, run.id, { counts: { ...counts, catalogObjects: objectCount } }),
    });
    await progress('catalog', 25);
    if (catalogUrl) {
      let skuBatch: CatalogSku[] = [];
      let levelBatch: {
        inventoryItemExternalId: string;
        locationExternalId: string;
        available: number | null;
        onHand: number | null;
      }[] = [];
      const itemOfVariant = new Map<string, string>();
      for await (const line of readJsonl<BulkVariantLine | BulkInventoryLevelLine>(catalogUrl)) {
        if ('__parentId' in line) {
          const q = (name: string) => line.quantities.find((x) => x.name === name)?.quantity ?? null;
          // levels hang under the variant (their inventory item is nested in it)
          const item = itemOfVariant.get(line.__parentId) ?? line.__parentId;
          levelBatch.push({
            inventoryItemExternalId: item,
            locationExternalId: line.location.id,
            available: q('available'),
            onHand: q('on_hand'),
          });
        } else {
          itemOfVariant.set(line.id, line.inventoryItem.id);
          if (line.sku) {
            skuBatch.push({
              sku: line.sku,
              title:
                line.product.title === line.title || line.title === 'Default Title'
                  ? line.product.title
                  : `${line.product.title} - ${line.title}`,
              productExternalId: line.product.id,
              variantExternalId: line.id,
              inventoryItemExternalId: line.inventoryItem.id,
              price: line.price,
              unitCost: line.inventoryItem.unitCost?.amount ?? null,
              supplier: line.product.vendor ?? null,
            });
          }
        }
        if (skuBatch.length >= BATCH) counts.skus! += await catalog.upsertSkus(shop.id, skuBatch.splice(0));
        if (levelBatch.length >= BATCH)
          counts.inventoryLevels! += await catalog.upsertChannelLevels(shop.id, levelBatch.splice(0), now);
      }
      counts.skus! += await catalog.upsertSkus(shop.id, skuBatch);
      counts.inventoryLevels! += await catalog.upsertChannelLevels(shop.id, levelBatch, now);
      skuBatch = [];
      levelBatch = [];
    }

    // 3. order history
    await progress('orders', 40);
    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const ordersUrl = await runBulkQuery(deps.shopify, shop.domain, bulkOrdersQuery(since), {
      sleep: deps.sleep,
      onStarted: (id) => sync.updateImport(shop.id, run.id, { bulkOperationId: id }),
      onProgress: ({ objectCount }) =>
        sync.updateImport(shop.id, run.id, { counts: { ...counts, orderObjects: objectCount } }),
    });
    await progress('orders', 60);
    if (ordersUrl) {
      // children (line items) follow their order in the file, not always right after it
      const pending = new Map<string, { order: GqlOrder; lines: GqlLineItem[] }>();
      for await (const line of readJsonl<GqlOrder | (GqlLineItem & { __parentId: string })>(ordersUrl)) {
        if ('__parentId' in line) pending.get(line.__parentId)?.lines.push(line);
        else pending.set(line.id, { order: line, lines: [] });
      }
      const total = pending.size;
      // a hundred orders per transaction: the import of a large history stays minutes, not hours
      const all = [...pending.values()];
      for (let i = 0; i < all.length; i += 100) {
        const results = await deps.db.transaction(async (tx) => {
          const out: { orderId: number; open: boolean }[] = [];
          const chunk = all
            .slice(i, i + 100)
            .map(({ order, lines }) => ({ ...normalizeGraphqlOrder(order, lines), observedAt: now }));
          // the chunk's locks at once, in the order ingest batches take them
          await lockOrders(
            tx,
            shop.id,
            chunk.map((o) => o.externalId),
          );
          for (const incoming of chunk) {
            const r = await createOrdersRepo(tx).upsertIncoming(shop.id, incoming);
            out.push({ orderId: r.orderId, open: !r.settled && r.outcome !== 'stale' });
          }
          return out;
        });
        counts.orders! += results.length;
        for (const r of results.filter((x) => x.open)) {
          counts.openOrders!++;
          await enqueueRouting(deps.queues, { shopId: shop.id, orderId: r.orderId, reason: 'import' });
        }
        await progress('orders', 60 + (40 * counts.orders!) / Math.max(1, total));
      }
    }
    await createShopsRepo(deps.db).setReconcileCursor(shop.id, now);
    await sync.updateImport(shop.id, run.id, {
      status: 'completed',
      stage: 'done',
      percent: 100,
      counts,
      finishedAt: new Date(),
    });
    deps.log.info({ shop: shop.domain, counts }, 'initial import completed');
    return { importId: run.id, counts };
  } catch (e) {
    await sync.updateImport(shop.id, run.id, {
      status: 'failed',
      error: (e as Error).message,
      counts,
      finishedAt: new Date(),
    });
    throw e;
  }
}
