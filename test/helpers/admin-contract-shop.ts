import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  allocationLines,
  allocations,
  emailOutbox,
  inboxEvents,
  orderLines,
  shipmentLines,
  shipments,
  trackingEvents,
} from '../../drizzle/schema/index.js';
import { createAuditRepo } from '../../core/db/audit-repo.js';
import { createPrivacyRepo } from '../../core/db/privacy-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { createMiraklSim } from '../../sim/mirakl/index.js';
import { receive, seedOrder, seedSku, seedWarehouse } from './fixtures.js';
import { contractCaller } from './admin-openapi.js';
import { simShop, startSimApp, type SimApp } from './sim-app.js';

export const CONTRACT_SHOP = 'contract.myshopify.com';
/** The API key the contract's Mirakl simulator accepts. */
export const CONTRACT_MIRAKL_KEY = 'contract-key';

/** The ids of what the seeding made, for the calls' URLs and bodies. */
export interface ContractIds {
  shipment: number;
  order: number;
  orderLine: number;
  warehouse: number;
  sku: number;
  deadLetter: number;
  privacy: number;
  allocation: number;
  email: number;
}

/** A shop with one of everything the admin API lists, so that every operation has something to answer about. */
export interface ContractShop {
  s: SimApp;
  token: string;
  ids: ContractIds;
  /** a Mirakl simulator the channel-account calls can connect to */
  miraklUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the app on the Shopify simulator and seeds the contract shop: a Paris warehouse, a SKU
 * with 20 days of sales (so it raises alerts), one routed order whose parcel's tracking push
 * failed and whose allocation failed to dispatch, two parked e-mails, a dead letter, a privacy
 * request, a reconciliation run and a running import.
 */
export async function startContractShop(): Promise<ContractShop> {
  const s = await startSimApp();
  const mirakl = createMiraklSim({ apiKey: CONTRACT_MIRAKL_KEY, shopName: 'Contrat sur Fnac' });
  const miraklUrl = await mirakl.start(0);
  const token = await simShop(s.sim, CONTRACT_SHOP);
  expect(
    (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
  ).toBe(200);
  const db = s.t.ctx.db;
  const shop = (await createShopsRepo(db).byDomain(CONTRACT_SHOP))!;
  const wh = await seedWarehouse(db, shop.id, { name: 'Paris', costs: { FR: 5 } });
  const sku = await seedSku(db, shop.id, 'THE-VERT', '9.00');
  await receive(db, shop.id, wh.id, sku, 5);
  for (let i = 1; i < 21; i++)
    await seedOrder(db, shop.id, {
      lines: [{ sku: 'THE-VERT', quantity: 2, price: '9.00' }],
      placedAt: new Date(Date.now() - i * 86_400_000),
    });
  const order = await seedOrder(db, shop.id, { lines: [{ sku: 'THE-VERT', quantity: 1, price: '9.00' }] });
  expect(
    (
      await routeOrder(
        { db, queues: s.t.ctx.queues, log: s.t.ctx.log },
        { shopId: shop.id, orderId: order, reason: 'test' },
      )
    ).status,
  ).toBe('routed');
  const [alloc] = await db.select().from(allocations).where(eq(allocations.orderId, order));
  await db.update(allocations).set({ dispatchError: 'HTTP 500 from the 3PL' }).where(eq(allocations.id, alloc!.id));
  const [parcel] = await db
    .insert(shipments)
    .values({
      shopId: shop.id,
      allocationId: alloc!.id,
      idempotencyKey: 'p-1',
      carrier: 'colissimo',
      trackingNumbers: ['6A1'],
      shippedAt: new Date(),
    })
    .returning();
  await db.insert(trackingEvents).values({
    shopId: shop.id,
    shipmentId: parcel!.id,
    status: 'in_transit',
    occurredAt: new Date(),
    description: 'Pris en charge',
  });
  // its tracking push failed after every retry: listed and replayable
  await db
    .update(shipments)
    .set({ pushStatus: 'failed', pushResult: { error: 'no open fulfillment order holds these items' } })
    .where(eq(shipments.id, parcel!.id));
  // the parcel carries the order's one unit, so the merchant can ask for its return
  const [allocLine] = await db.select().from(allocationLines).where(eq(allocationLines.allocationId, alloc!.id));
  await db
    .insert(shipmentLines)
    .values({ shopId: shop.id, shipmentId: parcel!.id, allocationLineId: allocLine!.id, quantity: 1 });
  const orderLine = allocLine!.orderLineId;
  expect((await db.select().from(orderLines).where(eq(orderLines.id, orderLine)))[0]?.orderId).toBe(order);
  // two e-mails the sender gave up on: one retried by id, the other with the rest
  const parked = await db
    .insert(emailOutbox)
    .values(
      [1, 2].map((n) => ({
        shopId: shop.id,
        orderId: order,
        shipmentId: parcel!.id,
        subjectKey: `shipment:${parcel!.id}:${n}`,
        kind: 'shipped',
        toAddress: 'client@example.fr',
        locale: 'fr',
        data: {},
        subject: 'Votre commande est en route',
        status: 'parked' as const,
        attempts: 5,
        lastError: 'SMTP 421',
      })),
    )
    .returning();
  await createAuditRepo(db).record(shop.id, 'order', String(order), 'note', 'test', { why: 'a timeline entry' });
  await recomputeReplenishment({ database: s.t.ctx.database, log: s.t.ctx.log }, { shopId: shop.id, full: true });
  const [dead] = await db
    .insert(inboxEvents)
    .values({
      source: 'shopify',
      eventId: 'ev-dead-1',
      shopDomain: shop.domain,
      topic: 'orders/create',
      body: '{"id":1}',
      status: 'dead',
      attempts: 5,
      lastError: 'boom',
    })
    .returning();
  await createPrivacyRepo(db).record(shop.id, {
    topic: 'customers/data_request',
    customerExternalId: 'gid://shopify/Customer/1',
    export: { orders: [] },
    summary: { orders: 0 },
  });
  const privacy = (await createPrivacyRepo(db).list(shop.id))[0]!.id;
  const run = await createSyncRepo(db).startRun(shop.id, null);
  await createSyncRepo(db).finishRun(shop.id, run, {
    status: 'completed',
    checked: 3,
    repaired: 1,
    details: [{ externalId: 'gid://shopify/Order/9', name: '#9', what: 'missed' }],
    cursorTo: new Date(),
    error: null,
  });
  await createSyncRepo(db).startImport(shop.id);
  return {
    s,
    token,
    miraklUrl,
    ids: {
      shipment: parcel!.id,
      order,
      orderLine,
      warehouse: wh.id,
      sku,
      deadLetter: dead!.id,
      privacy,
      allocation: alloc!.id,
      email: parked[0]!.id,
    },
    async close() {
      await mirakl.stop();
      await s.close();
    },
  };
}

/** A contract shop with its API caller, for one area's file; set in `beforeAll`. */
export interface ContractRun extends ContractShop {
  api: Awaited<ReturnType<typeof contractCaller>>;
}

/** Registers the hooks of an area's contract file: the contract shop started before its tests and closed after. */
export function useContractShop(): ContractRun {
  const run = {} as ContractRun;
  let shop: ContractShop | undefined;
  beforeAll(async () => {
    shop = await startContractShop();
    Object.assign(run, shop, { api: await contractCaller(shop.s.app, shop.token) });
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });
  return run;
}
