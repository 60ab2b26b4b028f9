import type { FastifyInstance } from 'fastify';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { buildApp } from '../../server/app.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { createShopifySim, seedDemoShop, type ShopifySim } from '../../sim/shopify/index.js';
import { setupDemoShop, type DemoWarehouse } from '../../demo/setup-demo-shop.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { playLiveDay } from './live-orders.js';

/** The demo shop the suite drives, as `npm run demo` seeds it. */
export const DEMO_SHOP = 'demo-fr.myshopify.com';
/** The simulator signs webhooks and session tokens with the demo app's secret. */
export const DEMO_SECRET = 'demo-api-secret';

/** Everything the browser suite talks to, started in this process. */
export interface BrowserHarness {
  sim: ShopifySim;
  t: TestContext;
  app: FastifyInstance;
  appUrl: string;
  shopId: number;
  warehouses: DemoWarehouse[];
  /** names of the orders placed during the harness's working day */
  liveOrders: string[];
  /** a fresh session token for the demo shop, as the page would get it */
  token(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The demo, in-process: the Shopify simulator with its seeded French shop, the real app on a
 * cloned database with its workers, the shop installed and configured by setupDemoShop, and the
 * demo's session-token route for pages running outside Shopify admin. `language` sets the shop's
 * UI language (the demo shop's own is French).
 */
export async function startHarness(opts: { language?: 'en' | 'fr' } = {}): Promise<BrowserHarness> {
  const sim = createShopifySim({
    apiKey: 'demo-api-key',
    apiSecret: DEMO_SECRET,
    webhooks: { retryBaseMs: 50, timeoutMs: 5000 },
  });
  const simUrl = await sim.start(0);
  seedDemoShop(sim, { domain: DEMO_SHOP });
  const t = await createTestContext({
    SHOPIFY_API_ORIGIN: simUrl,
    SHOPIFY_API_KEY: 'demo-api-key',
    SHOPIFY_API_SECRET: DEMO_SECRET,
  });
  const app = await buildApp(t.ctx, { logger: false });
  app.get('/_demo/session-token', async () => ({ token: await sim.mintSessionToken(DEMO_SHOP), shop: DEMO_SHOP }));
  let workers: StartedWorkers | undefined;
  try {
    workers = await startWorkers(t.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    sim.setAppUrl(appUrl);
    const setup = await setupDemoShop(t.ctx, sim, DEMO_SHOP);
    // set before any admin call, so no cached copy of the shop holds the old language
    if (opts.language) await createShopsRepo(t.ctx.db).updateSettings(setup.shopId, { language: opts.language });
    const liveOrders = await playLiveDay({
      sim,
      t,
      appUrl,
      shop: DEMO_SHOP,
      shopId: setup.shopId,
      warehouses: setup.warehouses,
    });
    return {
      sim,
      t,
      app,
      appUrl,
      shopId: setup.shopId,
      warehouses: setup.warehouses,
      liveOrders,
      token: () => sim.mintSessionToken(DEMO_SHOP),
      async close() {
        await sim.stop();
        await app.close();
        await workers?.close();
        await t.close();
      },
    };
  } catch (e) {
    await sim.stop();
    await app.close();
    await workers?.close();
    await t.close();
    throw e;
  }
}
