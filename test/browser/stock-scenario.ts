import { and, eq, like, sql } from 'drizzle-orm';
import { skus } from '../../drizzle/schema/index.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import type { StockSettingsResponse } from '../../web/src/api/stock-types.js';
import type { BrowserHarness } from './harness.js';

/** Who makes what: product families by SKU prefix, as the products' vendors would say in Shopify. */
const SUPPLIERS: [string, string[]][] = [
  ['Filature des Vosges', ['PULL-', 'SWEAT-', 'TSHIRT-', 'MARINIERE-', 'POLO-']],
  ['Atelier Denim Roubaix', ['JEAN-', 'VESTE-JEAN-', 'CHINO-']],
  ['Manufacture de Romans', ['BASKETS-', 'ESPADRILLES-']],
  ['Maroquinerie du Choletais', ['SACADOS-', 'PORTEFEUILLE-', 'CEINTURE-', 'CABAS-', 'TOTEBAG-']],
];

/**
 * What the 3PLs counted, per warehouse: best sellers found much lower than the ledger said (so they
 * fall to their reorder point, one runs dry with customers waiting), and a few small differences.
 */
const COUNTS: Record<string, Record<string, number>> = {
  'Entrepôt Paris Nord': {
    'SACADOS-NOIR': 0,
    'PULL-BORDEAUX-L': 2,
    'JEAN-BRUT-42': 2,
    'BASKETS-BLANC-38': 3,
    'BONNET-MOUTARDE': 2,
    'MUG-GRES-BLEU': 3,
    'TSHIRT-NOIR-L': 70,
    'PORTEFEUILLE-COGNAC': 81,
  },
  'Entrepôt Lyon Gerland': {
    'SACADOS-NOIR': 0,
    'PULL-BORDEAUX-L': 1,
    'JEAN-BRUT-42': 1,
    'BASKETS-BLANC-38': 1,
    'BONNET-MOUTARDE': 1,
    'MUG-GRES-BLEU': 1,
  },
  'Entrepôt Lille Lesquin': {
    'SACADOS-NOIR': 0,
    'PULL-BORDEAUX-L': 0,
    'JEAN-BRUT-42': 1,
    'BASKETS-BLANC-38': 0,
    'BONNET-MOUTARDE': 1,
  },
};

/** The SKUs the counts push below their reorder point, for the tests to look for. */
export const SHORT_SKUS = [
  'SACADOS-NOIR',
  'PULL-BORDEAUX-L',
  'JEAN-BRUT-42',
  'BASKETS-BLANC-38',
  'BONNET-MOUTARDE',
  'MUG-GRES-BLEU',
];

/** Calls the admin API as the page does, with a fresh demo session token. */
export async function adminApi<T>(h: BrowserHarness, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.appUrl}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Gives the demo shop's stock something to say: purchasing data the catalog import would carry
 * (suppliers from the vendors, cost per item, pack sizes), supplier lead times set through the
 * admin API, 3PL counts posted through the public feed, and then the replenishment run, so the
 * stock pages show real reorder points, alerts and purchase orders.
 */
export async function prepareStock(h: BrowserHarness): Promise<void> {
  const db = h.t.ctx.db;
  // the demo catalogue has one vendor and no cost per item: give it what a real one would have
  await db
    .update(skus)
    .set({ unitCost: sql`round(${skus.price} * 0.42, 2)` })
    .where(eq(skus.shopId, h.shopId));
  for (const [supplier, prefixes] of SUPPLIERS) {
    for (const p of prefixes)
      await db
        .update(skus)
        .set({ supplier })
        .where(and(eq(skus.shopId, h.shopId), like(skus.sku, `${p}%`)));
  }
  await db
    .update(skus)
    .set({ packSize: 6, moq: 12 })
    .where(and(eq(skus.shopId, h.shopId), eq(skus.sku, 'MUG-GRES-BLEU')));
  await db
    .update(skus)
    .set({ packSize: 4 })
    .where(and(eq(skus.shopId, h.shopId), eq(skus.sku, 'BONNET-MOUTARDE')));

  const { settings } = await adminApi<StockSettingsResponse>(h, 'GET', '/stock-settings');
  await adminApi(h, 'PUT', '/stock-settings', {
    ...settings,
    supplierLeadTimes: {
      'Filature des Vosges': { days: 21, stdDays: 4 },
      'Manufacture de Romans': { days: 28, stdDays: null },
      'Maroquinerie du Choletais': { days: 10, stdDays: 2 },
    },
  });

  for (const w of h.warehouses) {
    const counts = COUNTS[w.name];
    if (!counts) continue;
    const res = await fetch(`${h.appUrl}/feed/v1/inventory-snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        snapshotId: `count-${w.id}`,
        takenAt: new Date().toISOString(),
        items: Object.entries(counts).map(([sku, onHand]) => ({ sku, onHand })),
      }),
    });
    if (!res.ok) throw new Error(`inventory snapshot for ${w.name}: ${res.status} ${await res.text()}`);
  }
  await recomputeReplenishment({ database: h.t.ctx.database, log: h.t.ctx.log }, { shopId: h.shopId, full: true });
}
