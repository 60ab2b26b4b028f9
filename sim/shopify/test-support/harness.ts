import { createManualClock, type ManualClock } from '../core/clock.js';
import { createShopifySim, type ShopifySim, type ShopifySimOptions } from '../create-sim.js';
import type { LocationSnapshot } from '../control/snapshots.js';

export const TEST_KEY = 'test-api-key';
export const TEST_SECRET = 'test-api-secret';
export const SHOP = 'test-shop.myshopify.com';

/** A GraphQL response as tests read it. */
export interface GqlResult {
  status: number;
  body: {
    data?: { [k: string]: unknown } | null;
    errors?:
      | { message: string; path?: (string | number)[]; locations?: unknown[]; extensions?: { [k: string]: unknown } }[]
      | string;
    extensions?: {
      cost: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
      };
    };
  };
}

/** A started simulator with one shop, two warehouses, a small catalog and an offline token. */
export interface Harness {
  sim: ShopifySim;
  clock: ManualClock;
  token: string;
  paris: LocationSnapshot;
  lyon: LocationSnapshot;
  gql(query: string, variables?: { [k: string]: unknown }, token?: string): Promise<GqlResult>;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<ShopifySimOptions> = {}): Promise<Harness> {
  const clock = createManualClock(Date.now());
  const sim = createShopifySim({
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    clock,
    webhooks: { retryBaseMs: 2, timeoutMs: 2000 },
    ...opts,
  });
  await sim.start();
  sim.control.createShop({ domain: SHOP, name: 'Test Shop', plan: 'plus' });
  sim.control.addProducts(SHOP, [
    {
      title: 'T-shirt bleu',
      variants: ['S', 'M', 'L'].map((s) => ({ sku: `TSHIRT-BLEU-${s}`, title: s, price: '25.00' })),
    },
    { title: 'Mug', variants: [{ sku: 'MUG', price: '12.00' }] },
  ]);
  const paris = sim.control.createLocation(SHOP, {
    name: 'Paris',
    address: { address1: '1 rue A', city: 'Paris', zip: '75001', countryCode: 'FR', latitude: 48.86, longitude: 2.35 },
  });
  const lyon = sim.control.createLocation(SHOP, {
    name: 'Lyon',
    address: { address1: '2 rue B', city: 'Lyon', zip: '69001', countryCode: 'FR', latitude: 45.76, longitude: 4.83 },
  });
  const token = sim.issueAccessToken(SHOP).access_token;
  const gql = async (query: string, variables?: { [k: string]: unknown }, t = token): Promise<GqlResult> => {
    const res = await fetch(sim.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': t },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GqlResult['body'] };
  };
  return { sim, clock, token, paris, lyon, gql, close: () => sim.stop() };
}

/** The errors of a GraphQL answer as a list (401 bodies carry a string instead). */
export function errorsOf(r: GqlResult): { message: string; extensions: { [k: string]: unknown } }[] {
  const e = r.body.errors;
  if (!Array.isArray(e)) return [];
  return e.map((x) => ({ message: x.message, extensions: x.extensions ?? {} }));
}
