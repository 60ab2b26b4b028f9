import { createServer } from 'node:net';
import { loadConfigOrExit } from '../core/config.js';
import { createAppContext } from '../core/context.js';
import { createLogger } from '../core/logger.js';
import { onShutdown } from '../core/shutdown.js';
import { buildApp } from '../server/app.js';
import { startWorkers } from '../workers/registry.js';
import { createShopifySim, seedDemoShop } from '../sim/shopify/index.js';
import { isLoopbackHost } from './loopback.js';
import { startSmtpSink } from '../sim/smtp/smtp-sink.js';
import { createShopsRepo } from '../core/db/shops-repo.js';
import { ensureRedis } from './redis.js';
import { setupDemoShop } from './setup-demo-shop.js';
import { startDemoActivity } from './activity.js';
import { startDemoAmazon } from './amazon-marketplace.js';
import { startDemoMarketplaces } from './marketplaces.js';
import { ensureWebBuilt } from './build-web.js';

/**
 * `npm run demo`: the app (server and workers in one process: PGlite allows one process per
 * data directory) against the Shopify simulator with its seeded French shop, and one 3PL robot
 * per warehouse. Logs go to stderr so stdout carries only the `ready:` line.
 */
const DEMO_SHOP = 'demo-fr.myshopify.com';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

// the demo always talks to its own simulator; the origin is known only once the simulator listens
const base = loadConfigOrExit({ MIGRATE_ON_START: 'true', ...process.env, SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9' });
if (!isLoopbackHost(base.http.host)) {
  process.stderr.write(
    `demo: refusing to listen on ${base.http.host}: the demo signs with public secrets, so it listens on loopback only (HOST=127.0.0.1)\n`,
  );
  process.exit(1);
}
const log = createLogger(base.log.level === 'info' ? 'warn' : base.log.level, 'demo', 2);

let redis;
try {
  redis = await ensureRedis(base.redis.url);
} catch (e) {
  process.stderr.write(`demo: ${(e as Error).message}\n`);
  process.exit(1);
}

await ensureWebBuilt();
const sim = createShopifySim({
  apiKey: base.shopify.apiKey,
  apiSecret: base.shopify.apiSecret,
  webhooks: { retryBaseMs: 2000 },
});
const simUrl = await sim.start(await freePort());
seedDemoShop(sim, { domain: DEMO_SHOP });

// customers' mail lands in an in-process SMTP sink; the admin's E-mails page reads it (DEMO_MAILBOX_URL)
const smtp = await startSmtpSink();
const mailboxUrl = await smtp.serveHttp();
const port = base.http.port || (await freePort());
const appUrl = `http://127.0.0.1:${port}`;
const config = loadConfigOrExit({
  MIGRATE_ON_START: 'true',
  ...process.env,
  PORT: String(port),
  APP_URL: process.env.APP_URL ?? appUrl,
  SHOPIFY_API_ORIGIN: simUrl,
  SMTP_URL: process.env.SMTP_URL ?? smtp.url,
  DEMO_MAILBOX_URL: mailboxUrl,
});
const ctx = await createAppContext(config, { logger: log });
const app = await buildApp(ctx, { logger: false });
// Outside Shopify admin there is no App Bridge to hand the page a session token: the simulator mints one.
app.get('/_demo/session-token', async () => ({ token: await sim.mintSessionToken(DEMO_SHOP), shop: DEMO_SHOP }));
const workers = await startWorkers(ctx, config.workers.only);
await app.listen({ port, host: config.http.host });
sim.setAppUrl(appUrl);

const setup = await setupDemoShop(ctx, sim, DEMO_SHOP);
// the demo shows the app's own e-mails: the app is this shop's sender
await createShopsRepo(ctx.db).updateSettings(setup.shopId, { notifyCustomerFrom: 'app', brandColor: '#7a3e9d' });
const activity = await startDemoActivity({ appUrl, sim, shop: DEMO_SHOP, warehouses: setup.warehouses, log });
const demoSkus = sim.control
  .listProducts(DEMO_SHOP)
  .flatMap((p) => p.variants.map((v) => v.sku))
  .filter((s): s is string => !!s);
const marketplaces = await startDemoMarketplaces({ ctx, shopId: setup.shopId, skus: demoSkus, log });
const amazon = await startDemoAmazon({ ctx, shopId: setup.shopId, skus: demoSkus, log });

for (;;) {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  if (res.statusCode === 200) break;
  log.warn({ readyz: res.json() }, 'waiting for readiness');
  await new Promise((r) => setTimeout(r, 500));
}
process.stdout.write(`ready: ${appUrl}\n`);
process.stderr.write(
  `demo: Shopify simulator at ${simUrl}, shop ${DEMO_SHOP}, ${setup.warehouses.length} warehouses with 3PL robots; Mirakl operator (channel fnac) at ${marketplaces.url}; Amazon seller (channel amazon-fr) at ${amazon.url}; feed docs at ${appUrl}/feed/v1/docs\n`,
);

onShutdown(log, async () => {
  await activity.stop();
  await marketplaces.stop();
  await amazon.stop();
  await app.close();
  await workers.close();
  await sim.stop();
  await smtp.stop();
  await ctx.close();
  await redis.stop();
});
