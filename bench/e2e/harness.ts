import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../core/db/client.js';
import { createShopifySim, type ShopifySim } from '../../sim/shopify/index.js';
import { createThreePlRobot, type ThreePlRobot } from '../../sim/3pl/index.js';
import { createBenchDatabase } from '../lib/bench-db.js';

export const SHOP = 'flash-sale.myshopify.com';
export const HOT = ['SNEAKER-LTD-42', 'SNEAKER-LTD-43', 'SNEAKER-LTD-44'];
export const REGULAR = Array.from({ length: 17 }, (_, i) => `CHAUSSETTE-${String(i + 1).padStart(2, '0')}`);
const LOCATIONS = [
  {
    name: 'Paris',
    code: 'PARIS',
    address: {
      address1: '45 Avenue Victor Hugo',
      city: 'Aubervilliers',
      zip: '93300',
      countryCode: 'FR',
      latitude: 48.9146,
      longitude: 2.3821,
    },
    cutoff: '15:00',
    cost: 5.9,
  },
  {
    name: 'Lyon',
    code: 'LYON',
    address: {
      address1: '60 Avenue Tony Garnier',
      city: 'Lyon',
      zip: '69007',
      countryCode: 'FR',
      latitude: 45.7351,
      longitude: 4.8307,
    },
    cutoff: '13:00',
    cost: 5.5,
  },
  {
    name: 'Lille',
    code: 'LILLE',
    address: {
      address1: "Rue de l'Épinoy",
      city: 'Lesquin',
      zip: '59810',
      countryCode: 'FR',
      latitude: 50.589,
      longitude: 3.1117,
    },
    cutoff: '16:00',
    cost: 6.2,
  },
];

export interface Harness {
  sim: ShopifySim;
  /** the bench's own connection to the app's database, for the ledger */
  database: Database;
  appUrl: string;
  robots: ThreePlRobot[];
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The whole system on this machine, as it runs in production: the app (server and every
 * worker) in its own process on a fresh Postgres database and the machine's Redis; in this
 * process the Shopify simulator on the Plus plan, the load generator, and one 3PL robot per
 * warehouse answering with ~200 ms latency through the public feed. The shop is installed and
 * configured the way a merchant would: session token, admin API, 3PL stock counts.
 */
export async function startHarness(opts: { hotStockPerLocation: number }): Promise<Harness> {
  const bench = await createBenchDatabase();
  const database = await createDatabase({ url: bench.url, pgliteDir: '', poolSize: 4 });
  const sim = createShopifySim({
    apiKey: 'bench-key',
    apiSecret: 'bench-secret',
    webhooks: { retryBaseMs: 1000, maxConcurrent: 128 },
  });
  const simUrl = await sim.start(0);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/e2e/app-process.ts',
      bench.url,
      simUrl,
      `{e2e${randomBytes(3).toString('hex')}}`,
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app process exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
  });
  sim.setAppUrl(appUrl);

  sim.control.createShop({
    domain: SHOP,
    name: 'Flash',
    plan: 'plus',
    currency: 'EUR',
    locale: 'fr',
    timezone: 'Europe/Paris',
    installed: true,
  });
  sim.control.addProducts(
    SHOP,
    [...HOT, ...REGULAR].map((sku) => ({ title: sku, variants: [{ sku, price: HOT.includes(sku) ? 149 : 9 }] })),
  );
  const locations = LOCATIONS.map((l) => ({
    ...l,
    loc: sim.control.createLocation(SHOP, { name: l.name, address: l.address }),
  }));
  for (const { loc } of locations) {
    for (const sku of HOT) sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: opts.hotStockPerLocation });
    for (const sku of REGULAR) sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: 100_000 });
  }

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${appUrl}/api/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await sim.mintSessionToken(SHOP)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await admin('GET', '/shop');
  await until(
    'the initial import',
    async () =>
      (await database.query<{ status: string }>(sql`select status from imports order by id desc limit 1`))[0]
        ?.status === 'completed',
  );

  const robots: ThreePlRobot[] = [];
  for (const [i, l] of locations.entries()) {
    const created = await admin('POST', '/warehouses', {
      name: l.name,
      code: l.code,
      address: { ...l.address },
      latitude: l.address.latitude,
      longitude: l.address.longitude,
      timezone: 'Europe/Paris',
      cutoffTime: l.cutoff,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      zones: [
        { code: 'FR', countries: ['FR'] },
        { code: 'BE', countries: ['BE'] },
      ],
      dailyCapacity: 5000,
      serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2, BE: 3 } }],
      costs: { FR: l.cost, BE: l.cost + 3 },
      location: { mode: 'existing', externalId: l.loc.gid },
    });
    const warehouse = created.warehouse as { id: number };
    const key = (await admin('POST', `/warehouses/${warehouse.id}/keys`, { label: 'robot' })).key as string;
    // the 3PL's opening count is the warehouse's stock
    await fetch(`${appUrl}/feed/v1/inventory-snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        snapshotId: 'opening',
        takenAt: new Date().toISOString(),
        items: [
          ...HOT.map((sku) => ({ sku, onHand: opts.hotStockPerLocation })),
          ...REGULAR.map((sku) => ({ sku, onHand: 100_000 })),
        ],
      }),
    });
    robots.push(
      createThreePlRobot({
        appUrl,
        apiKey: key,
        name: l.name,
        seed: i + 1,
        pollIntervalMs: 100,
        leaseLimit: 100,
        concurrency: 16,
        shipDelayMs: { min: 100, max: 300 },
        trackingEventsSchedule: { timeScale: 1 / 36_000 },
        inventory: { onHand: 'track', snapshotEveryMs: null },
      }),
    );
  }
  for (const r of robots) await r.start();
  return {
    sim,
    database,
    appUrl,
    robots,
    async close() {
      for (const r of robots) await r.stop();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await sim.stop();
      await database.close();
      await bench.drop();
    },
  };
}
