import { expect } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { simShop, type SimApp } from './sim-app.js';
import { waitFor } from './wait.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The admin API as the merchant's app calls it, with the session token `token()` gives. */
export const adminCaller = (s: () => SimApp, token: () => string) => (method: Method, url: string, payload?: unknown) =>
  s().app.inject({
    method,
    url: `/api/admin${url}`,
    headers: { authorization: `Bearer ${token()}` },
    ...(payload ? { payload: payload as object } : {}),
  });

/** The 3PL feed as a 3PL calls it, with the API key `key()` gives. */
export const feedCaller =
  (s: () => SimApp, key: () => string) =>
  (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    s().app.inject({
      method,
      url: `/feed/v1${url}`,
      headers: { authorization: `Bearer ${key()}`, ...headers },
      ...(payload ? { payload: payload as object } : {}),
    });

/**
 * A test shop's two callers: the admin API with the session token `token()` gives, the feed with
 * the 3PL key `key()` gives. The getters are read at each call, so a describe block can build the
 * callers before its beforeAll has made the app, the shop and its key.
 */
export const shopCallers = (s: () => SimApp, token: () => string, key: () => string) => ({
  admin: adminCaller(s, token),
  feed: feedCaller(s, key),
});

/** The shop id once the first admin call installed the shop and its initial import ended. */
export async function installedShop(s: SimApp, domain: string, admin: ReturnType<typeof adminCaller>): Promise<number> {
  expect((await admin('GET', '/shop')).statusCode).toBe(200);
  const shopId = (await createShopsRepo(s.t.ctx.db).byDomain(domain))!.id;
  await waitFor('initial import', async () => {
    const i = await createSyncRepo(s.t.ctx.db).latestImport(shopId);
    return i && i.status !== 'running' ? i : null;
  });
  return shopId;
}

/**
 * A Lyon warehouse on the simulator's location, open every day until midnight, shipping France
 * in two days, made through the admin as a merchant would, with a 3PL key: its id and the key.
 */
export async function lyonWarehouse(
  admin: ReturnType<typeof adminCaller>,
  location: { gid: string; address: object & { latitude?: number | null; longitude?: number | null } },
  keyLabel: string,
): Promise<{ id: number; key: string }> {
  const res = await admin('POST', '/warehouses', {
    name: 'Lyon',
    code: 'LYON',
    address: { ...location.address, countryCode: 'FR' },
    latitude: location.address.latitude,
    longitude: location.address.longitude,
    timezone: 'Europe/Paris',
    cutoffTime: '23:59',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    zones: [{ code: 'FR', countries: ['FR'] }],
    serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2 } }],
    costs: { FR: 6 },
    location: { mode: 'existing', externalId: location.gid },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().warehouse.id as number;
  const key = (await admin('POST', `/warehouses/${id}/keys`, { label: keyLabel })).json().key as string;
  return { id, key };
}

/**
 * A shop installed in the simulator with one SKU, a Lyon location holding it, the app's Lyon
 * warehouse on that location with a 3PL key, and the 3PL's opening snapshot of `onHand` units.
 */
export async function stockedLyonShop(
  s: SimApp,
  opts: { domain: string; sku: string; keyLabel: string; onHand: number },
): Promise<{ token: string; shopId: number; warehouseId: number; key: string }> {
  const token = await simShop(s.sim, opts.domain, [{ sku: opts.sku, price: 18 }]);
  const lyon = s.sim.control.createLocation(opts.domain, {
    name: 'Lyon',
    address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
  });
  s.sim.control.setStock(opts.domain, { sku: opts.sku, locationId: lyon.id, onHand: opts.onHand + 100 });
  const admin = adminCaller(
    () => s,
    () => token,
  );
  const shopId = await installedShop(s, opts.domain, admin);
  const { id: warehouseId, key } = await lyonWarehouse(admin, lyon, opts.keyLabel);
  const snap = await feedCaller(
    () => s,
    () => key,
  )('POST', '/inventory-snapshots', {
    snapshotId: 'open',
    takenAt: new Date().toISOString(),
    items: [{ sku: opts.sku, onHand: opts.onHand }],
  });
  expect(snap.statusCode).toBe(200);
  return { token, shopId, warehouseId, key };
}
