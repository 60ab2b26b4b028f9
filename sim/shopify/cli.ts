import { parseArgs } from 'node:util';
import { createShopifySim } from './create-sim.js';
import { seedDemoShop } from './seed/demo-shop.js';

/** `sim shopify --port <p> [--app-url <url>] [--seed demo] [--retry-base-ms <ms>]`; credentials from SHOPIFY_API_KEY / SHOPIFY_API_SECRET. */
export async function runShopify(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'app-url': { type: 'string' },
      seed: { type: 'string' },
      'app-toml': { type: 'string' },
      'retry-base-ms': { type: 'string' },
    },
    strict: true,
  });
  const apiKey = process.env.SHOPIFY_API_KEY;
  const apiSecret = process.env.SHOPIFY_API_SECRET;
  if (!apiKey || !apiSecret)
    throw new Error('SHOPIFY_API_KEY and SHOPIFY_API_SECRET must be set (the same values the app uses)');
  const sim = createShopifySim({
    apiKey,
    apiSecret,
    appUrl: values['app-url'] ?? null,
    host: values.host,
    ...(values['app-toml'] ? { appTomlPath: values['app-toml'] } : {}),
    ...(values['retry-base-ms'] ? { webhooks: { retryBaseMs: Number(values['retry-base-ms']) } } : {}),
  });
  const url = await sim.start(Number(values.port));
  if (values.seed === 'demo') {
    const summary = seedDemoShop(sim);
    console.error(
      `[sim/shopify] seeded ${summary.shop}: ${summary.products} products, ${summary.locations} locations, ${summary.orders} orders`,
    );
  } else if (values.seed) {
    throw new Error(`unknown seed "${values.seed}" (known: demo)`);
  }
  console.error(`[sim/shopify] Admin GraphQL at ${sim.graphqlUrl}; control API at ${url}/_sim/health`);
  return { url, stop: () => sim.stop() };
}
