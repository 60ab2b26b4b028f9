import { and, eq } from 'drizzle-orm';
import { feedKeys, shopifyInventoryLevels, skus, warehouses as warehousesTable } from '../drizzle/schema/index.js';
import type { AppContext } from '../core/context.js';
import { createFeedKeysRepo } from '../core/db/feed-keys-repo.js';
import { createStockRepo } from '../core/db/stock-repo.js';
import { createSyncRepo } from '../core/db/sync-repo.js';
import { createWarehousesRepo, type NewWarehouse } from '../core/db/warehouses-repo.js';
import { requestImport } from '../core/use-cases/request-import.js';
import type { ShopifySim } from '../sim/shopify/index.js';

/** Per demo location: the 3PL profile a merchant would configure. */
const PROFILES: Record<
  string,
  Omit<NewWarehouse, 'name' | 'code' | 'address' | 'latitude' | 'longitude' | 'locationExternalId'>
> = {
  'Entrepôt Paris Nord': {
    timezone: 'Europe/Paris',
    cutoffTime: '15:00',
    workingDays: [1, 2, 3, 4, 5],
    holidays: ['2026-12-25', '2027-01-01'],
    dailyCapacity: 900,
    priority: 1,
    countryCode: 'FR',
    zones: [
      { code: 'FR-IDF', countries: ['FR'], postalPrefixes: ['75', '77', '78', '91', '92', '93', '94', '95'] },
      { code: 'FR', countries: ['FR'] },
      { code: 'BENELUX', countries: ['BE', 'NL', 'LU'] },
      { code: 'DE', countries: ['DE', 'AT'] },
    ],
    serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { 'FR-IDF': 1, FR: 2, BENELUX: 3, DE: 3 } }],
    costs: { 'FR-IDF': 4.9, FR: 5.9, BENELUX: 8.9, DE: 9.5 },
  },
  'Entrepôt Lyon Gerland': {
    timezone: 'Europe/Paris',
    cutoffTime: '13:00',
    workingDays: [1, 2, 3, 4, 5, 6],
    holidays: ['2026-12-25', '2027-01-01'],
    dailyCapacity: 600,
    priority: 2,
    countryCode: 'FR',
    zones: [
      {
        code: 'FR-SE',
        countries: ['FR'],
        postalPrefixes: ['01', '07', '26', '38', '42', '69', '73', '74', '13', '83', '84', '06'],
      },
      { code: 'FR', countries: ['FR'] },
      { code: 'SOUTH', countries: ['IT', 'ES', 'PT', 'CH'] },
    ],
    serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { 'FR-SE': 1, FR: 2, SOUTH: 4 } }],
    costs: { 'FR-SE': 4.5, FR: 5.5, SOUTH: 10.5 },
  },
  'Entrepôt Lille Lesquin': {
    timezone: 'Europe/Paris',
    cutoffTime: '16:00',
    workingDays: [1, 2, 3, 4, 5],
    holidays: ['2026-12-25', '2027-01-01'],
    dailyCapacity: 500,
    priority: 3,
    countryCode: 'FR',
    zones: [
      { code: 'FR-N', countries: ['FR'], postalPrefixes: ['59', '62', '80', '02', '60'] },
      { code: 'FR', countries: ['FR'] },
      { code: 'BENELUX', countries: ['BE', 'NL', 'LU'] },
      { code: 'DE', countries: ['DE'] },
    ],
    serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { 'FR-N': 1, FR: 2, BENELUX: 2, DE: 3 } }],
    costs: { 'FR-N': 4.6, FR: 6.2, BENELUX: 6.9, DE: 8.9 },
  },
};

export interface DemoWarehouse {
  id: number;
  name: string;
  locationExternalId: string;
  apiKey: string;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Installs the app on the simulator's demo shop the way a merchant would (session token →
 * token exchange → initial import), then configures one warehouse per Shopify location with its
 * stock and a fresh feed key for its 3PL robot. Safe to run again on a kept database.
 */
export async function setupDemoShop(
  ctx: AppContext,
  sim: ShopifySim,
  domain: string,
): Promise<{ shopId: number; warehouses: DemoWarehouse[] }> {
  // the simulator starts empty each run: exchange a fresh token even when the database kept one
  const { shop, installed } = await ctx.shopTokens.installFromSessionToken(domain, await sim.mintSessionToken(domain), {
    force: true,
  });
  if (installed) await requestImport(ctx, { shopId: shop.id });
  await waitFor(
    'the initial import',
    async () => (await createSyncRepo(ctx.db).latestImport(shop.id))?.status === 'completed',
  );

  const repo = createWarehousesRepo(ctx.db);
  const stock = createStockRepo(ctx.db);
  const keys = createFeedKeysRepo(ctx.db);
  const out: DemoWarehouse[] = [];
  for (const loc of sim.control.listLocations(domain)) {
    const profile = PROFILES[loc.name];
    if (!profile) continue;
    const locationExternalId = `gid://shopify/Location/${loc.id}`;
    let w = await repo.byLocation(shop.id, locationExternalId);
    if (!w) {
      const a = loc.address as {
        address1?: string;
        city?: string;
        zip?: string;
        countryCode?: string;
        latitude?: number;
        longitude?: number;
      };
      w = await repo.create(shop.id, {
        ...profile,
        name: loc.name,
        code: loc.name.split(' ').pop()!.toUpperCase().slice(0, 10),
        locationExternalId,
        address: { address1: a.address1, city: a.city, zip: a.zip, countryCode: a.countryCode ?? 'FR' },
        latitude: a.latitude ?? null,
        longitude: a.longitude ?? null,
      });
      // opening stock: what Shopify says is on hand at the location today
      const levels = await ctx.db
        .select({ skuId: skus.id, onHand: shopifyInventoryLevels.onHand })
        .from(shopifyInventoryLevels)
        .innerJoin(
          skus,
          and(
            eq(skus.shopId, shopifyInventoryLevels.shopId),
            eq(skus.inventoryItemExternalId, shopifyInventoryLevels.inventoryItemExternalId),
          ),
        )
        .where(
          and(
            eq(shopifyInventoryLevels.shopId, shop.id),
            eq(shopifyInventoryLevels.locationExternalId, locationExternalId),
          ),
        );
      for (const l of levels) {
        if ((l.onHand ?? 0) > 0)
          await stock.applyMovement(shop.id, {
            warehouseId: w.id,
            skuId: l.skuId,
            delta: l.onHand!,
            reason: 'initial',
            reference: 'demo-opening-stock',
          });
      }
    }
    // a robot's key is shown once; each demo start gets a fresh one and retires the old ones
    await ctx.db
      .update(feedKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(feedKeys.warehouseId, w.id), eq(feedKeys.label, 'demo robot')));
    const key = await keys.create(shop.id, w.id, 'demo robot');
    out.push({ id: w.id, name: w.name, locationExternalId, apiKey: key.key });
  }
  await ctx.db.update(warehousesTable).set({ active: true }).where(eq(warehousesTable.shopId, shop.id));
  return { shopId: shop.id, warehouses: out };
}
