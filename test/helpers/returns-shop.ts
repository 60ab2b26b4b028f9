import { expect } from 'vitest';
import type { ProductInput } from '../../sim/shopify/index.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from './sim-app.js';
import { installedShop, lyonWarehouse, shopCallers, type adminCaller, type feedCaller } from './sim-shop-setup.js';

/** A shop ready for returns on the simulators: the app and its workers, a Lyon warehouse with its 3PL key. */
export interface ReturnsShop {
  s: SimApp;
  workers: StartedWorkers;
  token: string;
  shopId: number;
  whId: number;
  key: string;
  lyonLocationId: number;
  /** our SKU ids, by SKU */
  skuIds: Record<string, number>;
  admin: ReturnType<typeof adminCaller>;
  feed: ReturnType<typeof feedCaller>;
  close(): Promise<void>;
}

/**
 * The shop the returns tests start from: products (simple SKUs, or Shopify products with their
 * variants), 50 units of each at a Lyon location in Shopify, the app installed, a Lyon warehouse
 * counting `opening` units of each, and a returns policy taking returns to it (`policy` overrides).
 * `env` reaches the app's configuration; `workers` names queues served besides the returns flow's.
 */
export async function startReturnsShop(opts: {
  domain: string;
  skus?: { sku: string; price: number }[];
  products?: ProductInput[];
  opening: number;
  keyLabel: string;
  policy?: Record<string, unknown> | null;
  env?: Record<string, string>;
  workers?: string[];
}): Promise<ReturnsShop> {
  const s = await startSimApp({ env: opts.env ?? {} });
  const workers = await startWorkers(s.t.ctx, [
    ...['ingest', 'route', 'dispatch', 'fulfill', 'reconcile', 'returns'],
    ...(opts.workers ?? []),
  ]);
  const token = await simShop(s.sim, opts.domain, opts.skus ?? []);
  if (opts.products) s.sim.control.addProducts(opts.domain, opts.products);
  const skus = [
    ...(opts.skus ?? []).map((p) => p.sku),
    ...(opts.products ?? []).flatMap((p) => p.variants.map((v) => v.sku!)),
  ];
  const lyon = s.sim.control.createLocation(opts.domain, {
    name: 'Lyon',
    address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
  });
  for (const sku of skus) s.sim.control.setStock(opts.domain, { sku, locationId: lyon.id, onHand: 50 });
  let key = '';
  const { admin, feed } = shopCallers(
    () => s,
    () => token,
    () => key,
  );
  const shopId = await installedShop(s, opts.domain, admin);
  const wh = await lyonWarehouse(admin, lyon, opts.keyLabel);
  key = wh.key;
  const opening = await feed('POST', '/inventory-snapshots', {
    snapshotId: 'open',
    takenAt: new Date().toISOString(),
    items: skus.map((sku) => ({ sku, onHand: opts.opening })),
  });
  expect(opening.statusCode).toBe(200);
  const skuIds: Record<string, number> = {};
  for (const sku of skus)
    skuIds[sku] = (await s.t.ctx.db.query.skus.findFirst({
      where: (t, { and, eq }) => and(eq(t.shopId, shopId), eq(t.sku, sku)),
    }))!.id;
  if (opts.policy !== null) {
    const saved = await admin('PUT', '/returns/policy', {
      customerRequests: true,
      windowDays: 30,
      autoApprove: true,
      excludedSkus: [],
      excludedTags: [],
      refundOn: 'grading',
      returnWarehouseIds: [wh.id],
      costPerReturn: 6,
      ...opts.policy,
    });
    expect(saved.statusCode).toBe(200);
  }
  return {
    s,
    workers,
    token,
    shopId,
    whId: wh.id,
    key,
    lyonLocationId: lyon.id,
    skuIds,
    admin,
    feed,
    async close() {
      await workers.close();
      await s.close();
    },
  };
}
