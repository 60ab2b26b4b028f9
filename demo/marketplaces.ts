import type { AppContext } from '../core/context.js';
import { createChannelAccountsRepo } from '../core/db/channel-accounts-repo.js';
import type { Logger } from '../core/logger.js';
import { createMiraklSim, publishedMinIntervals } from '../sim/mirakl/index.js';
import { SEED_COUNTRIES } from '../sim/shopify/seed/geo-eu.js';
import { runDemoChannel } from './demo-channel.js';

export interface DemoMarketplaceOptions {
  ctx: AppContext;
  shopId: number;
  skus: string[];
  log: Logger;
  /** a marketplace order every this many ms (default 15 min: a few an hour) */
  orderEveryMs?: number;
}

const API_KEY = 'demo-fnac-shop-key';

/**
 * One Mirakl operator for the demo ("Fnac Darty" on the simulator, its published call
 * frequencies enforced), connected to the demo shop as channel `fnac`, with an order now and
 * then. The app polls it on its own schedule and accepts, routes, ships and tracks its orders.
 */
export async function startDemoMarketplaces(
  opts: DemoMarketplaceOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const sim = createMiraklSim({
    apiKey: API_KEY,
    shopName: 'Maison Démo (Fnac Darty)',
    minIntervalMs: publishedMinIntervals,
  });
  const url = await sim.start(0);
  for (const sku of opts.skus) sim.state.setOffer(sku, 0);
  const accounts = createChannelAccountsRepo(opts.ctx.db);
  const existing = await accounts.byCode(opts.shopId, 'fnac');
  const account =
    existing ??
    (await accounts.create(opts.shopId, {
      kind: 'mirakl',
      code: 'fnac',
      name: 'Fnac Darty',
      baseUrl: url,
      credentialsEnc: opts.ctx.channels.sealCredentials('mirakl', { apiKey: API_KEY }),
      settings: {
        kind: 'mirakl',
        carriers: sim.state.carriers.map((c) => ({ code: c.code, label: c.label })),
        pageSize: 100,
        pollEveryMs: 90_000,
      },
    }));
  if (existing) await accounts.setBaseUrl(opts.shopId, account.id, url);

  return runDemoChannel({
    ...opts,
    accountId: account.id,
    label: 'marketplace',
    url,
    sim,
    everyMs: opts.orderEveryMs ?? 15 * 60_000,
    place: (n) => {
      const country = SEED_COUNTRIES[0]!;
      const city = country.cities[n % country.cities.length]!;
      const lines = [{ sku: opts.skus[(n * 7) % opts.skus.length]!, quantity: 1 + (n % 2) }];
      sim.state.placeOrder({
        lines,
        address: {
          firstname: country.firstNames[n % country.firstNames.length],
          lastname: country.lastNames[n % country.lastNames.length],
          street_1: `${1 + n} ${country.streets[n % country.streets.length]}`,
          zip_code: city.zip,
          city: city.city,
          country_iso_code: 'FRA',
        },
      });
    },
  });
}
