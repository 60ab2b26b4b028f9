import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { channelStockPushes, replenishmentSnapshot, shopifyInventoryLevels, skus, stockDirty, stockLevels, warehouses, type ChannelBuffer } from '../../drizzle/schema/index.js';
import type { Db } from '../db/client.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createStockSettingsRepo } from '../db/stock-settings-repo.js';
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
  inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: { field: string[] | null; message: string; code: string | null }[] };
}
const LEVELS = `query InventoryLevels($ids: [ID!]!) {
  nodes(ids: $ids) { ... on InventoryItem { id inventoryLevels(first: 10) { nodes { location { id } quantities(names: ["available"]) { name quantity } } } } }
}`;
interface LevelsResult {
  nodes: ({ id: string; inventoryLevels: { nodes: { location: { id: string }; quantities: { name: string; quantity: number }[] }[] } } | null)[];
}

/** Shopify takes at most this many quantities per inventorySetQuantities call. */
export const MAX_QUANTITIES_PER_CALL = 250;

/** What we told Shopify, and what Shopify now says it has (until its next webhook says otherwise). */
async function recordPush(db: Db, shopId: number, t: Target, now: Date): Promise<void> {
  await db.insert(channelStockPushes).values({ shopId, channel: 'shopify', skuId: t.skuId, warehouseId: t.warehouseId, quantity: t.quantity, pushedAt: now })
    .onConflictDoUpdate({ target: [channelStockPushes.shopId, channelStockPushes.channel, channelStockPushes.skuId, channelStockPushes.warehouseId], set: { quantity: t.quantity, pushedAt: now } });
  await db.insert(shopifyInventoryLevels).values({ shopId, inventoryItemExternalId: t.item, locationExternalId: t.location, available: t.quantity, sourceUpdatedAt: now })
    .onConflictDoUpdate({ target: [shopifyInventoryLevels.shopId, shopifyInventoryLevels.inventoryItemExternalId, shopifyInventoryLevels.locationExternalId], set: { available: t.quantity, sourceUpdatedAt: now } });
}

/** Units a channel keeps back: fixed, a share of what is free, or sync lag × sales velocity. */
export function bufferUnits(buffer: ChannelBuffer | undefined, free: number, meanDailyDemand: number, lagSeconds: number): number {
  if (!buffer) return 0;
  if (buffer.kind === 'fixed') return buffer.units;
  if (buffer.kind === 'percent') return Math.ceil((free * buffer.percent) / 100);
  return Math.max(buffer.minUnits, Math.ceil((meanDailyDemand / 86_400) * lagSeconds));
}

interface Target {
  skuId: number;
  warehouseId: number;
  item: string;
  location: string;
  quantity: number;
}

/**
 * Pushes what Shopify may sell at each location linked to a warehouse: on hand − reserved −
 * the channel buffer. Only SKUs whose stock moved (or all, `full`), only values that changed,
 * up to 250 quantities per call, each with `changeFromQuantity` from the last level Shopify
 * reported: a concurrent change there makes the call fail as stale, and we re-read and retry
 * instead of overwriting it.
 */
export async function syncInventory(deps: { db: Db; shopify: ShopifyGraphql; log: Logger; now?: () => Date }, input: { shopId: number; full?: boolean }) {
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  if (shop.status !== 'active') return { pushed: 0, calls: 0, skipped: 'shop not active' };
  const taken = input.full
    ? null
    : await deps.db.delete(stockDirty).where(and(eq(stockDirty.shopId, shop.id), eq(stockDirty.purpose, 'sync'))).returning({ skuId: stockDirty.skuId, markedAt: stockDirty.markedAt });
  if (taken && taken.length === 0) return { pushed: 0, calls: 0 };
  const skuIds = taken ? [...new Set(taken.map((t) => t.skuId))] : undefined;
  const { settings, measuredLag } = await createStockSettingsRepo(deps.db).get(shop.id);

  const rows = await deps.db
    .select({ skuId: stockLevels.skuId, warehouseId: stockLevels.warehouseId, onHand: stockLevels.onHand, reserved: stockLevels.reserved, item: skus.inventoryItemExternalId, location: warehouses.locationExternalId })
    .from(stockLevels)
    .innerJoin(skus, eq(skus.id, stockLevels.skuId))
    .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
    .where(and(eq(stockLevels.shopId, shop.id), isNotNull(warehouses.locationExternalId), isNotNull(skus.inventoryItemExternalId), eq(warehouses.active, true), skuIds ? inArray(stockLevels.skuId, skuIds) : undefined));
  const velocity = settings.buffers.shopify?.kind === 'lag_velocity'
    ? new Map((await deps.db.select({ skuId: replenishmentSnapshot.skuId, meanDaily: replenishmentSnapshot.meanDaily }).from(replenishmentSnapshot)
      .where(and(eq(replenishmentSnapshot.shopId, shop.id), skuIds ? inArray(replenishmentSnapshot.skuId, skuIds) : undefined))).map((r) => [r.skuId, r.meanDaily]))
    : new Map<number, number>();
  const pushedBefore = await deps.db.select().from(channelStockPushes).where(and(eq(channelStockPushes.shopId, shop.id), eq(channelStockPushes.channel, 'shopify'), skuIds ? inArray(channelStockPushes.skuId, skuIds) : undefined));
  const last = new Map(pushedBefore.map((p) => [`${p.skuId}:${p.warehouseId}`, p.quantity]));
  const targets: Target[] = rows.map((r) => {
    const free = Math.max(0, r.onHand - r.reserved);
    const buffer = bufferUnits(settings.buffers.shopify, free, velocity.get(r.skuId) ?? 0, measuredLag.shopify ?? 5);
    return { skuId: r.skuId, warehouseId: r.warehouseId, item: r.item!, location: r.location!, quantity: Math.max(0, free - buffer) };
  }).filter((t) => input.full || last.get(`${t.skuId}:${t.warehouseId}`) !== t.quantity);
  if (targets.length === 0) return { pushed: 0, calls: 0 };

  const levels = await deps.db.select().from(shopifyInventoryLevels).where(and(eq(shopifyInventoryLevels.shopId, shop.id), inArray(shopifyInventoryLevels.inventoryItemExternalId, [...new Set(targets.map((t) => t.item))])));
  const known = new Map(levels.map((l) => [`${l.inventoryItemExternalId}|${l.locationExternalId}`, l.available]));
  let calls = 0;
  // a pair Shopify has never reported is not stocked there yet: activating it sets the quantity too
  const stocked: Target[] = [];
  for (const t of targets) {
    if (known.has(`${t.item}|${t.location}`)) {
      stocked.push(t);
      continue;
    }
    const res = await deps.shopify.request<InventoryActivateResult>(shop.domain, INVENTORY_ACTIVATE, { item: t.item, loc: t.location, available: t.quantity, key: randomUUID() });
    calls++;
    if (res.inventoryActivate.userErrors.length === 0) await recordPush(deps.db, shop.id, t, deps.now?.() ?? new Date());
    else stocked.push(t);
  }
  for (let i = 0; i < stocked.length; i += MAX_QUANTITIES_PER_CALL) {
    const chunk = stocked.slice(i, i + MAX_QUANTITIES_PER_CALL);
    for (let attempt = 1; ; attempt++) {
      const key = randomUUID();
      const res = await deps.shopify.request<SetQuantitiesResult>(shop.domain, SET_QUANTITIES, {
        key,
        input: {
          name: 'available', reason: 'correction', referenceDocumentUri: `gid://routing-logistics/StockSync/${key}`,
          quantities: chunk.map((t) => ({ inventoryItemId: t.item, locationId: t.location, quantity: t.quantity, changeFromQuantity: known.get(`${t.item}|${t.location}`) ?? null })),
        },
      });
      calls++;
      const errors = res.inventorySetQuantities.userErrors;
      if (errors.length === 0) break;
      if (attempt >= 3 || !errors.every((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')) throw new ShopifyUserError('inventorySetQuantities', errors);
      // someone changed Shopify's number since we last heard: read it again, never overwrite blindly
      const fresh = await deps.shopify.request<LevelsResult>(shop.domain, LEVELS, { ids: [...new Set(chunk.map((t) => t.item))] });
      calls++;
      for (const node of fresh.nodes) for (const l of node?.inventoryLevels.nodes ?? []) known.set(`${node!.id}|${l.location.id}`, l.quantities.find((q) => q.name === 'available')?.quantity ?? null);
    }
    const now = deps.now?.() ?? new Date();
    for (const t of chunk) await recordPush(deps.db, shop.id, t, now);
  }
  if (taken?.length) {
    const oldest = Math.min(...taken.map((t) => t.markedAt.getTime()));
    await createStockSettingsRepo(deps.db).recordLag(shop.id, 'shopify', Math.max(0, ((deps.now?.() ?? new Date()).getTime() - oldest) / 1000));
  }
  return { pushed: targets.length, calls };
}

