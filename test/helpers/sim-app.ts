import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createShopifySim, type ShopifySim, type ShopifySimOptions } from '../../sim/shopify/index.js';
import { createTestContext, type TestContext } from './test-context.js';

export interface SimApp {
  sim: ShopifySim;
  t: TestContext;
  app: FastifyInstance;
  appUrl: string;
  close(): Promise<void>;
}

/**
 * The real app (server on a port, real Postgres and Redis) wired to an in-process Shopify
 * simulator that delivers webhooks to it, as in production but with Shopify simulated.
 */
export async function startSimApp(
  opts: { env?: Record<string, string>; sim?: Partial<ShopifySimOptions> } = {},
): Promise<SimApp> {
  const sim = createShopifySim({
    apiKey: 'demo-api-key',
    apiSecret: 'demo-api-secret',
    webhooks: { retryBaseMs: 20, timeoutMs: 5000 },
    ...opts.sim,
  });
  const simUrl = await sim.start(0);
  // the app's own URL is known up front: fulfillment-service callbacks are registered with it
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  const appUrl = `http://127.0.0.1:${port}`;
  const t = await createTestContext({ SHOPIFY_API_ORIGIN: simUrl, APP_URL: appUrl, ...opts.env });
  const app = await buildApp(t.ctx, { logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  sim.setAppUrl(appUrl);
  return {
    sim,
    t,
    app,
    appUrl,
    async close() {
      await sim.stop();
      await app.close();
      await t.close();
    },
  };
}

/** Creates a shop in the simulator with the app installed, and returns a session token for it. */
export async function simShop(
  sim: ShopifySim,
  domain: string,
  products: { sku: string; price?: number }[] = [],
): Promise<string> {
  sim.control.createShop({
    domain,
    name: domain.split('.')[0]!,
    currency: 'EUR',
    locale: 'fr',
    timezone: 'Europe/Paris',
    installed: true,
  });
  if (products.length)
    sim.control.addProducts(
      domain,
      products.map((p) => ({ title: p.sku, variants: [{ sku: p.sku, price: p.price ?? 20 }] })),
    );
  return sim.mintSessionToken(domain);
}
