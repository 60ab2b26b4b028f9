import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../core/config.js';
import { createAppContext, type AppContext } from '../../core/context.js';
import { createLogger } from '../../core/logger.js';
import { buildApp } from '../../server/app.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { createShopifySim, type ShopifySim } from '../../sim/shopify/index.js';
import { createThreePlRobot, type ThreePlRobot } from '../../sim/3pl/index.js';
import { setupDemoShop } from '../../demo/setup-demo-shop.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import type { FastifyInstance } from 'fastify';

export const SHOP = 'flash-sale.myshopify.com';
export const HOT = ['SNEAKER-LTD-42', 'SNEAKER-LTD-43', 'SNEAKER-LTD-44'];
export const REGULAR = Array.from({ length: 17 }, (_, i) => `CHAUSSETTE-${String(i + 1).padStart(2, '0')}`);
const LOCATIONS = [
  { name: 'Entrepôt Paris Nord', address: { address1: '45 Avenue Victor Hugo', city: 'Aubervilliers', zip: '93300', countryCode: 'FR', latitude: 48.9146, longitude: 2.3821 } },
  { name: 'Entrepôt Lyon Gerland', address: { address1: '60 Avenue Tony Garnier', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.7351, longitude: 4.8307 } },
  { name: 'Entrepôt Lille Lesquin', address: { address1: "Rue de l'Épinoy", city: 'Lesquin', zip: '59810', countryCode: 'FR', latitude: 50.589, longitude: 3.1117 } },
];

export interface Harness {
  sim: ShopifySim;
  ctx: AppContext;
  app: FastifyInstance;
  appUrl: string;
  shopId: number;
  robots: ThreePlRobot[];
  close(): Promise<void>;
}

/**
 * The whole system on this machine: the Shopify simulator on the Plus plan, the app (server
 * and every worker) on a fresh Postgres database and the machine's Redis, and one 3PL robot per
 * warehouse answering with ~200 ms latency through the public feed.
 */
export async function startHarness(opts: { hotStockPerLocation: number }): Promise<Harness> {
  const bench = await createBenchDatabase();
  const sim = createShopifySim({ apiKey: 'bench-key', apiSecret: 'bench-secret', webhooks: { retryBaseMs: 1000, maxConcurrent: 128 } });
  const simUrl = await sim.start(0);
  const config = loadConfig({
    DATABASE_URL: bench.url, QUEUE_PREFIX: `{e2e${randomBytes(3).toString('hex')}}`, SHOPIFY_API_KEY: 'bench-key', SHOPIFY_API_SECRET: 'bench-secret',
    SHOPIFY_API_ORIGIN: simUrl, LOG_LEVEL: 'silent', DB_POOL_SIZE: '40', PORT: '0',
  });
  const ctx = await createAppContext(config, { logger: createLogger('silent', 'bench', 2) });
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  sim.setAppUrl(appUrl);
  const workers: StartedWorkers = await startWorkers(ctx);

  sim.control.createShop({ domain: SHOP, name: 'Flash', plan: 'plus', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', installed: true });
  sim.control.addProducts(SHOP, [...HOT, ...REGULAR].map((sku) => ({ title: sku, variants: [{ sku, price: HOT.includes(sku) ? 149 : 9 }] })));
  for (const l of LOCATIONS) {
    const loc = sim.control.createLocation(SHOP, l);
    for (const sku of HOT) sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: opts.hotStockPerLocation });
    for (const sku of REGULAR) sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: 100_000 });
  }
  const setup = await setupDemoShop(ctx, sim, SHOP);
  const robots = setup.warehouses.map((w, i) => createThreePlRobot({
    appUrl, apiKey: w.apiKey, name: w.name, seed: i + 1, pollIntervalMs: 100, leaseLimit: 100, concurrency: 16,
    shipDelayMs: { min: 100, max: 300 }, trackingEventsSchedule: { timeScale: 1 / 36_000 }, inventory: { onHand: 'track', snapshotEveryMs: null },
  }));
  for (const r of robots) await r.start();
  return {
    sim, ctx, app, appUrl, shopId: setup.shopId, robots,
    async close() {
      for (const r of robots) await r.stop();
      await workers.close();
      await app.close();
      await sim.stop();
      await ctx.close();
      await bench.drop();
    },
  };
}
