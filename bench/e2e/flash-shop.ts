import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.js';
import type { ShopifySim } from '../../sim/shopify/index.js';
import { createThreePlRobot, type ThreePlRobot, type ThreePlRobotOptions } from '../../sim/3pl/index.js';

export const SHOP = 'flash-sale.myshopify.com';
export const HOT = ['SNEAKER-LTD-42', 'SNEAKER-LTD-43', 'SNEAKER-LTD-44'];
export const REGULAR = Array.from({ length: 17 }, (_, i) => `CHAUSSETTE-${String(i + 1).padStart(2, '0')}`);
export const LOCATIONS = [
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

export async function until<T>(
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

export interface FlashShop {
  robots: ThreePlRobot[];
  warehouses: { id: number; code: string; key: string; locationGid: string }[];
  /** the admin API as the merchant's embedded app calls it */
  admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
}

/**
 * The flash-sale shop installed and configured the way a merchant would: session token, admin
 * API, 3PL opening counts; one 3PL robot per warehouse answering through the public feed
 * (created, not started).
 */
export async function installFlashShop(
  sim: ShopifySim,
  appUrl: string,
  database: Database,
  opts: {
    hotStockPerLocation: number;
    robot?: Partial<ThreePlRobotOptions>;
    /** the robot's own count per SKU for a warehouse code; without it the robot refuses nothing for stock */
    robotCount?: (code: string) => Record<string, number>;
  },
): Promise<FlashShop> {
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
  const warehouses: FlashShop['warehouses'] = [];
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
    warehouses.push({ id: warehouse.id, code: l.code, key, locationGid: l.loc.gid });
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
        // new work wakes the robot through the feed's long poll (GET /allocations?wait=); the timed
        // cycle only ships due parcels and answers cancellations, so it need not hammer the feed
        pollIntervalMs: 1000,
        leaseLimit: 100,
        concurrency: 16,
        shipDelayMs: { min: 100, max: 300 },
        trackingEventsSchedule: { timeScale: 1 / 36_000 },
        ...opts.robot,
        inventory: { onHand: opts.robotCount?.(l.code) ?? 'track', snapshotEveryMs: null },
      }),
    );
  }
  return { robots, warehouses, admin };
}
