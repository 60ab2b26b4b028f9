import type { Logger } from '../core/logger.js';
import { SEED_COUNTRIES } from '../sim/shopify/seed/geo-eu.js';
import type { ShopifySim } from '../sim/shopify/index.js';
import type { DemoWarehouse } from './setup-demo-shop.js';
import { askForOneReturn } from './return-requests.js';

export interface DemoActivityOptions {
  appUrl: string;
  sim: ShopifySim;
  shop: string;
  warehouses: DemoWarehouse[];
  log: Logger;
  /** a new checkout every this many ms; 0 turns the generator off */
  orderEveryMs?: number;
  /** a customer asks for a return every this many ms (a few an hour); 0 turns it off */
  returnEveryMs?: number;
}

/** A small seeded PRNG so the demo's customers are plausible and varied, yet reproducible. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Keeps the demo shop alive: customers check out now and then, and each warehouse's 3PL robot
 * (sim/3pl, through the public feed only) takes, ships and tracks what the app hands it.
 */
export async function startDemoActivity(opts: DemoActivityOptions): Promise<{ stop(): Promise<void> }> {
  const rnd = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const skus = opts.sim.control
    .listProducts(opts.shop)
    .flatMap((p) => p.variants.map((v) => v.sku))
    .filter((s): s is string => !!s);
  const robots: { stop(): Promise<void> | void }[] = [];
  try {
    const { startDemoRobots } = await import('./robots.js');
    robots.push(...(await startDemoRobots(opts)));
  } catch (e) {
    opts.log.warn({ err: (e as Error).message }, 'demo 3PL robots not started');
  }

  const every = opts.orderEveryMs ?? 20_000;
  const timer =
    every > 0
      ? setInterval(() => {
          try {
            const country = rnd() < 0.75 ? SEED_COUNTRIES[0]! : pick(SEED_COUNTRIES);
            const city = pick(country.cities);
            const lines = Array.from({ length: 1 + Math.floor(rnd() * rnd() * 4) }, () => ({
              sku: pick(skus),
              quantity: 1 + Math.floor(rnd() * rnd() * 3),
            }));
            opts.sim.control.placeOrder(opts.shop, {
              lines,
              financialStatus: 'paid',
              allowOversell: true,
              shippingAddress: {
                firstName: pick(country.firstNames),
                lastName: pick(country.lastNames),
                address1: `${1 + Math.floor(rnd() * 120)} ${pick(country.streets)}`,
                city: city.city,
                zip: city.zip,
                countryCode: country.code,
                latitude: city.lat,
                longitude: city.lon,
              },
            });
          } catch (e) {
            opts.log.warn({ err: (e as Error).message }, 'demo checkout failed');
          }
        }, every)
      : null;

  const returnEvery = opts.returnEveryMs ?? 15 * 60_000;
  const returnsTimer =
    returnEvery > 0
      ? setInterval(() => {
          askForOneReturn({ appUrl: opts.appUrl, sim: opts.sim, shop: opts.shop, log: opts.log, random: rnd }).catch(
            (e: unknown) => opts.log.warn({ err: (e as Error).message }, 'demo return request failed'),
          );
        }, returnEvery)
      : null;

  return {
    async stop() {
      if (timer) clearInterval(timer);
      if (returnsTimer) clearInterval(returnsTimer);
      for (const r of robots) await r.stop();
    },
  };
}
