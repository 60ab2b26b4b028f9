import { randomUUID } from 'node:crypto';
import { createChannelStockRepo, type ChannelPush } from '../db/channel-stock-repo.js';
import type { Db } from '../db/client.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createStockRepo } from '../db/stock-repo.js';
import { createStockSettingsRepo, type ChannelBuffer } from '../db/stock-settings-repo.js';
import { NotFoundError } from '../errors.js';
import { ShopifyUserError, type ShopifyGraphql } from '../integrations/shopify/graphql.js';
import { INVENTORY_ACTIVATE, type InventoryActivateResult } from '../integrations/shopify/operations/inventory.js';
import type { Logger } from '../logger.js';

const SET_QUANTITIES = `mutation InventorySetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;
interface SetQuantitiesResult {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: { field: string[] | null; message: string; code: string | null }[];
  };
}
const LEVELS = `query InventoryLevels($ids: [ID!]!) {
  nodes(ids: $ids) { ... on InventoryItem { id inventoryLevels(first: 10) { nodes { location { id } quantities(names: ["available"]) { name quantity } } } } }
}`;
interface LevelsResult {
  nodes: ({
    id: string;
    inventoryLevels: { nodes: { location: { id: string }; quantities: { name: string; quantity: number }[] }[] };
  } | null)[];
}

/** Shopify takes at most this many quantities per inventorySetQuantities call. */
export const MAX_QUANTITIES_PER_CALL = 250;

/** Lag assumed for Shopify until one is measured: its inventory mutations land within seconds. */
export const SHOPIFY_DEFAULT_LAG_SECONDS = 5;

/** Units a channel keeps back: fixed, a share of what is free, or sync lag × sales velocity. */
export function bufferUnits(
  buffer: ChannelBuffer | undefined,
  free: number,
  meanDailyDemand: number,
  lagSeconds: number,
): number {
  if (!buffer) return 0;
  if (buffer.kind === 'fixed') return buffer.units;
  if (buffer.kind === 'percent') return Math.ceil((free * buffer.percent) / 100);
  return Math.max(buffer.minUnits, Math.ceil((meanDailyDemand / 86_400) * lagSeconds));
}

type Target = ChannelPush;

/**
 * Pushes what Shopify may sell at each location linked to a warehouse: on hand − reserved −
 * the channel buffer. Only SKUs whose stock moved (or all, `full`), only values that changed,
 * up to 250 quantities per call, each with `changeFromQuantity` from the last level Shopify
 * reported: a concurrent change there makes the call fail as stale, and we re-read and retry
 * instead of overwriting it.
 */
export async function syncInventory(
  deps: { db: Db; shopify: ShopifyGraphql; log: Logger; now?: () => Date },
  input: { shopId: number; full?: boolean },
) {
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  if (shop.status !== 'active') return { pushed: 0, calls: 0, skipped: 'shop not active' };
  const taken = input.full ? null : await createStockRepo(deps.db).takeDirty(shop.id, 'sync');
  if (taken && taken.length === 0) return { pushed: 0, calls: 0 };
  try {
    const result = await push(deps, shop, taken ? taken.map((t) => t.skuId) : undefined, input.full === true);
    if (taken?.length) {
      const oldest = Math.min(...taken.map((t) => t.markedAt.getTime()));
      await createStockSettingsRepo(deps.db).recordLag(
        shop.id,
        'shopify',
        Math.max(0, ((deps.now?.() ?? new Date()).getTime() - oldest) / 1000),
      );
    }
    return result;
  } catch (err) {
    // the run answered for these SKUs: hand them back so the retry (or the sweeper) pushes them
    if (taken) await createStockRepo(deps.db).returnDirty(shop.id, 'sync', taken);
    throw err;
  }
}

async function push(
  deps: { db: Db; shopify: ShopifyGraphql; now?: () => Date },
  shop: { id: number; domain: string },
  skuIds: number[] | undefined,
  full: boolean,
): Promise<{ pushed: number; calls: number }> {
  const { settings, measuredLag } = await createStockSettingsRepo(deps.db).get(shop.id);

  const channelStock = createChannelStockRepo(deps.db);
  const rows = await channelStock.sellableLevels(shop.id, skuIds);
  const velocity =
    settings.buffers.shopify?.kind === 'lag_velocity'
      ? await channelStock.meanDailyDemand(shop.id, skuIds)
      : new Map<number, number>();
  const last = await channelStock.lastPushed(shop.id, 'shopify', skuIds);
  const targets: Target[] = rows
    .map((r) => {
      const free = Math.max(0, r.onHand - r.reserved);
      const buffer = bufferUnits(
        settings.buffers.shopify,
        free,
        velocity.get(r.skuId) ?? 0,
        measuredLag.shopify ?? SHOPIFY_DEFAULT_LAG_SECONDS,
      );
      return {
        skuId: r.skuId,
        warehouseId: r.warehouseId,
        item: r.item!,
        location: r.location!,
        quantity: Math.max(0, free - buffer),
      };
    })
    .filter((t) => full || last.get(`${t.skuId}:${t.warehouseId}`) !== t.quantity);
  if (targets.length === 0) return { pushed: 0, calls: 0 };

  const known = await channelStock.shopifyAvailable(shop.id, [...new Set(targets.map((t) => t.item))]);
  let calls = 0;
  // a pair Shopify has never reported is not stocked there yet: activating it sets the quantity too
  const stocked: Target[] = [];
  for (const t of targets) {
    if (known.has(`${t.item}|${t.location}`)) {
      stocked.push(t);
      continue;
    }
    const res = await deps.shopify.request<InventoryActivateResult>(shop.domain, INVENTORY_ACTIVATE, {
      item: t.item,
      loc: t.location,
      available: t.quantity,
      key: randomUUID(),
    });
    calls++;
    if (res.inventoryActivate.userErrors.length === 0)
      await channelStock.recordShopifyPushes(shop.id, [t], deps.now?.() ?? new Date());
    else stocked.push(t);
  }
  for (let i = 0; i < stocked.length; i += MAX_QUANTITIES_PER_CALL) {
    const chunk = stocked.slice(i, i + MAX_QUANTITIES_PER_CALL);
    for (let attempt = 1; ; attempt++) {
      const key = randomUUID();
      const res = await deps.shopify.request<SetQuantitiesResult>(shop.domain, SET_QUANTITIES, {
        key,
        input: {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri: `gid://routing-logistics/StockSync/${key}`,
          quantities: chunk.map((t) => ({
            inventoryItemId: t.item,
            locationId: t.location,
            quantity: t.quantity,
            changeFromQuantity: known.get(`${t.item}|${t.location}`) ?? null,
          })),
        },
      });
      calls++;
      const errors = res.inventorySetQuantities.userErrors;
      if (errors.length === 0) break;
      if (attempt >= 3 || !errors.every((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE'))
        throw new ShopifyUserError('inventorySetQuantities', errors);
      // someone changed Shopify's number since we last heard: read it again, never overwrite blindly
      const fresh = await deps.shopify.request<LevelsResult>(shop.domain, LEVELS, {
        ids: [...new Set(chunk.map((t) => t.item))],
      });
      calls++;
      for (const node of fresh.nodes)
        for (const l of node?.inventoryLevels.nodes ?? [])
          known.set(`${node!.id}|${l.location.id}`, l.quantities.find((q) => q.name === 'available')?.quantity ?? null);
    }
    await channelStock.recordShopifyPushes(shop.id, chunk, deps.now?.() ?? new Date());
  }
  return { pushed: targets.length, calls };
}
