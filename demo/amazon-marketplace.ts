import type { AppContext } from '../core/context.js';
import { createChannelAccountsRepo } from '../core/db/channel-accounts-repo.js';
import type { Logger } from '../core/logger.js';
import { createAmazonSim } from '../sim/amazon/index.js';
import { SEED_COUNTRIES } from '../sim/shopify/seed/geo-eu.js';
import { runDemoChannel } from './demo-channel.js';

export interface DemoAmazonOptions {
  ctx: AppContext;
  shopId: number;
  skus: string[];
  log: Logger;
  /** an Amazon order every this many ms (default 20 min: a few an hour) */
  orderEveryMs?: number;
}

/**
 * One Amazon seller for the demo (Amazon.fr on the simulator, Amazon's usage plans enforced),
 * connected to the demo shop as channel `amazon-fr` with its ORDER_CHANGE queue: the app learns
 * of each order from the queue within a poll, sweeps searchOrders as the usage plan allows, and
 * confirms shipment with Amazon's carrier codes.
 */
export async function startDemoAmazon(opts: DemoAmazonOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const sim = createAmazonSim({ storeName: 'Maison Démo' });
  const url = await sim.start(0);
  for (const sku of opts.skus) sim.state.setListing(sku, 0);
  const settings = {
    kind: 'amazon' as const,
    sellerId: sim.state.sellerId,
    marketplaceId: sim.state.marketplaceId,
    lwaUrl: `${url}/auth/o2/token`,
    queueUrl: sim.queueUrl,
    pollEveryMs: 30_000,
  };
  const accounts = createChannelAccountsRepo(opts.ctx.db);
  const existing = await accounts.byCode(opts.shopId, 'amazon-fr');
  const account =
    existing ??
    (await accounts.create(opts.shopId, {
      kind: 'amazon',
      code: 'amazon-fr',
      name: 'Amazon.fr',
      baseUrl: url,
      credentialsEnc: opts.ctx.channels.sealCredentials('amazon', sim.credentials),
      settings,
    }));
  if (existing) await accounts.setEndpoints(opts.shopId, account.id, url, settings);

  return runDemoChannel({
    ...opts,
    accountId: account.id,
    label: 'Amazon',
    url,
    sim,
    everyMs: opts.orderEveryMs ?? 20 * 60_000,
    place: (n) => {
      const country = SEED_COUNTRIES[0]!;
      const city = country.cities[(n + 3) % country.cities.length]!;
      sim.state.placeOrder({
        lines: [{ sku: opts.skus[(n * 5 + 2) % opts.skus.length]!, quantity: 1 }],
        address: {
          name: `${country.firstNames[(n + 1) % country.firstNames.length]} ${country.lastNames[(n + 2) % country.lastNames.length]}`,
          addressLine1: `${2 + n} ${country.streets[(n + 1) % country.streets.length]}`,
          postalCode: city.zip,
          city: city.city,
          countryCode: 'FR',
        },
      });
    },
  });
}
