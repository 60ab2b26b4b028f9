import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders, reconcileRuns } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSyncRepo } from '../../core/db/sync-repo.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { reconcileOrders } from '../../core/use-cases/reconcile-orders.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';
import { LYON_CUSTOMER } from '../helpers/shipped-order.js';

const SHOP = 'maison-test.myshopify.com';
const address = LYON_CUSTOMER;

describe('an order from checkout to tracking, through the simulators', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  let token: string;
  let shopId: number;
  const keys: Record<string, string> = {};
  const whIds: Record<string, number> = {};

  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });
  const feed = (
    key: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    s.app.inject({
      method,
      url: `/feed/v1${url}`,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'fulfill', 'reconcile']);
    token = await simShop(s.sim, SHOP, [
      { sku: 'BOL-BLEU', price: 18 },
      { sku: 'TASSE-ROSE', price: 12 },
    ]);
    const paris = s.sim.control.createLocation(SHOP, {
      name: 'Paris',
      address: {
        address1: '1 rue A',
        city: 'Paris',
        zip: '75002',
        countryCode: 'FR',
        latitude: 48.86,
        longitude: 2.34,
      },
    });
    const lyon = s.sim.control.createLocation(SHOP, {
      name: 'Lyon',
      address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
    });
    for (const loc of [paris, lyon])
      for (const sku of ['BOL-BLEU', 'TASSE-ROSE'])
        s.sim.control.setStock(SHOP, { sku, locationId: loc.id, onHand: 50 });
    // Shopify's own routing would pick Paris for everything: our rules must move Lyon's customers
    s.sim.control.setLocationRanking(SHOP, [paris.id, lyon.id]);

    expect((await admin('GET', '/shop')).statusCode).toBe(200);
    shopId = (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))!.id;
    const imp = await waitFor('initial import', async () => {
      const i = await createSyncRepo(s.t.ctx.db).latestImport(shopId);
      return i && i.status !== 'running' && i.status !== 'queued' ? i : null;
    });
    expect({ status: imp.status, error: imp.error }).toEqual({ status: 'completed', error: null });

    for (const [name, loc, zones] of [
      ['Paris', paris, { code: 'FR', countries: ['FR'] }],
      ['Lyon', lyon, { code: 'FR', countries: ['FR'] }],
    ] as const) {
      const res = await admin('POST', '/warehouses', {
        name,
        code: name.toUpperCase(),
        address: { ...loc.address, countryCode: 'FR' },
        latitude: loc.address.latitude,
        longitude: loc.address.longitude,
        timezone: 'Europe/Paris',
        cutoffTime: '23:59',
        workingDays: [1, 2, 3, 4, 5, 6, 7],
        zones: [zones],
        serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2 } }],
        costs: { FR: 6 },
        location: { mode: 'existing', externalId: loc.gid },
      });
      expect(res.statusCode).toBe(201);
      whIds[name] = res.json().warehouse.id;
      keys[name] = (await admin('POST', `/warehouses/${whIds[name]}/keys`, { label: 'e2e' })).json().key;
      const snap = await feed(keys[name]!, 'POST', '/inventory-snapshots', {
        snapshotId: `open-${name}`,
        takenAt: new Date().toISOString(),
        items: [
          { sku: 'BOL-BLEU', onHand: 20 },
          { sku: 'TASSE-ROSE', onHand: 20 },
        ],
      });
      expect(snap.statusCode).toBe(200);
    }
    s.sim.control.setChaos({ duplicateRate: 0.5, reorderRate: 0.5 });
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  const ourOrder = (gid: string) =>
    waitFor(
      `order ${gid} ingested`,
      async () =>
        (
          await s.t.ctx.db
            .select()
            .from(orders)
            .where(and(eq(orders.shopId, shopId), eq(orders.externalId, gid)))
        )[0],
    );
  const liveAllocations = async (orderId: number) =>
    (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId))).filter(
      (a) => !['cancelled', 'rejected'].includes(a.status),
    );

  it('routes by the rules, hands over, and puts the tracking on the Shopify order (duplicates and reordering on)', async () => {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'BOL-BLEU', quantity: 2 },
        { sku: 'TASSE-ROSE', quantity: 1 },
      ],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const order = await ourOrder(placed.gid);
    const [a] = await waitFor('allocation listed in the feed', async () => {
      const live = await liveAllocations(order.id);
      return live.length && live.every((x) => x.status === 'ready') ? live : null;
    });
    expect(a!.warehouseId).toBe(whIds.Lyon);
    // the trace explains why Lyon and not Paris
    const trace = a!.trace as {
      warehouses: { name: string; chosen: boolean; verdicts: { rule: string; reason: string }[] }[];
    };
    expect(trace.warehouses.find((w) => w.name === 'Lyon')!.chosen).toBe(true);
    expect(trace.warehouses.find((w) => w.name === 'Paris')!.verdicts.some((v) => /km/.test(v.reason))).toBe(true);
    // Shopify now fulfils it from Lyon
    await waitFor('FO moved to Lyon', () =>
      s.sim.control
        .getOrder(SHOP, placed.id)
        .fulfillmentOrders.some((fo) => fo.locationName === 'Lyon' && fo.status === 'OPEN'),
    );

    // the 3PL takes it through the feed and ships
    const leased = (await feed(keys.Lyon!, 'POST', '/allocations/lease')).json();
    expect(leased.items.map((i: { id: number }) => i.id)).toEqual([a!.id]);
    await feed(keys.Lyon!, 'POST', `/allocations/${a!.id}/acknowledge`, { leaseToken: leased.leaseToken });
    const lines = leased.items[0].lines.map((l: { lineId: number; quantity: number }) => ({
      lineId: l.lineId,
      quantity: l.quantity,
    }));
    const ship = await feed(
      keys.Lyon!,
      'POST',
      `/allocations/${a!.id}/shipments`,
      { lines, carrier: 'Colissimo', trackingNumbers: ['6A12345678901'], shippedAt: new Date().toISOString() },
      { 'idempotency-key': 'e2e-parcel-1' },
    );
    expect(ship.statusCode).toBe(201);

    const f = await waitFor('fulfillment in Shopify', () => s.sim.control.getOrder(SHOP, placed.id).fulfillments[0]);
    expect(f.tracking[0]).toMatchObject({ company: 'Colissimo', number: '6A12345678901' });
    expect(f.tracking[0]!.url).toContain('6A12345678901');
    expect(s.sim.control.getOrder(SHOP, placed.id).displayFulfillmentStatus).toBe('FULFILLED');

    // the 3PL relabels the parcel: the same Shopify fulfillment gets the new number
    const relabel = await s.app.inject({
      method: 'PUT',
      url: `/feed/v1/shipments/${ship.json().shipmentId}/tracking`,
      headers: { authorization: `Bearer ${keys.Lyon}` },
      payload: { carrier: 'Chronopost', trackingNumbers: ['XY123456789FR'] },
    });
    expect(relabel.json()).toMatchObject({ changed: true, carrier: 'Chronopost' });
    await waitFor(
      'tracking updated in Shopify',
      () => s.sim.control.getOrder(SHOP, placed.id).fulfillments[0]?.tracking[0]?.number === 'XY123456789FR',
    );
    expect(s.sim.control.getOrder(SHOP, placed.id).fulfillments).toHaveLength(1);

    // delivered event goes through too
    await feed(keys.Lyon!, 'POST', `/shipments/${ship.json().shipmentId}/events`, {
      status: 'delivered',
      occurredAt: new Date().toISOString(),
    });
    await waitFor(
      'delivered in Shopify',
      () => s.sim.control.getOrder(SHOP, placed.id).fulfillments[0]?.displayStatus === 'DELIVERED',
    );

    // duplicates and replays changed nothing: one order, one allocation, one fulfillment
    await s.sim.waitForIdleWebhooks();
    expect(await s.t.ctx.db.select().from(orders).where(eq(orders.externalId, placed.gid))).toHaveLength(1);
    expect(await liveAllocations(order.id)).toHaveLength(1);
    expect(s.sim.control.getOrder(SHOP, placed.id).fulfillments).toHaveLength(1);
  });

  it('never hands a cancelled order to a 3PL, and a cancellation after hand-over reaches the 3PL', async () => {
    s.sim.control.setChaos({ duplicateRate: 0, reorderRate: 0 });
    await s.sim.waitForIdleWebhooks();
    // an unpaid order waits; cancelled before payment it never reaches a warehouse
    const unpaid = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-BLEU', quantity: 1 }],
      shippingAddress: address,
      financialStatus: 'pending',
    });
    const o1 = await ourOrder(unpaid.gid);
    await waitFor(
      'held for payment',
      async () => (await s.t.ctx.db.select().from(orders).where(eq(orders.id, o1.id)))[0]!.status === 'on_hold',
    );
    s.sim.control.cancelOrder(SHOP, unpaid.id);
    await waitFor(
      'cancelled',
      async () => (await s.t.ctx.db.select().from(orders).where(eq(orders.id, o1.id)))[0]!.status === 'cancelled',
    );
    expect(await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, o1.id))).toHaveLength(0);

    // taken by the 3PL, then cancelled in Shopify: the 3PL is asked, accepts, stock is released
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'TASSE-ROSE', quantity: 2 }],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const o2 = await ourOrder(placed.gid);
    const [a] = await waitFor('ready', async () => {
      const r = (await liveAllocations(o2.id)).filter((x) => x.status === 'ready');
      return r.length ? r : null;
    });
    const lease = (await feed(keys.Lyon!, 'POST', '/allocations/lease')).json();
    await feed(keys.Lyon!, 'POST', `/allocations/${a!.id}/acknowledge`, { leaseToken: lease.leaseToken });
    s.sim.control.cancelOrder(SHOP, placed.id);
    await waitFor('cancellation requested at the 3PL', async () => {
      const list = (await feed(keys.Lyon!, 'GET', '/allocations?status=cancel_requested')).json();
      return list.items.some((i: { id: number }) => i.id === a!.id);
    });
    expect((await feed(keys.Lyon!, 'POST', `/allocations/${a!.id}/cancellation`, { accept: true })).json()).toEqual({
      status: 'cancelled',
    });
    const [row] = await s.t.ctx.db.select().from(allocations).where(eq(allocations.id, a!.id));
    expect(row!.status).toBe('cancelled');
  });

  it('re-routes an order edited before the 3PL took it', async () => {
    s.sim.control.setChaos({ duplicateRate: 0, reorderRate: 0, dropNext: [] });
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-BLEU', quantity: 3 }],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const o = await ourOrder(placed.gid);
    await waitFor('ready', async () => (await liveAllocations(o.id)).some((x) => x.status === 'ready'));
    s.sim.control.editOrder(SHOP, placed.id, { setQuantities: [{ lineItemId: placed.lineItems[0]!.id, quantity: 1 }] });
    const [a] = await waitFor('re-planned for one unit', async () => {
      const live = await liveAllocations(o.id);
      if (live.length !== 1) return null;
      const lines = await s.t.ctx.database.query<{ q: number }>(
        (await import('drizzle-orm'))
          .sql`select quantity as q from allocation_lines where allocation_id = ${live[0]!.id}`,
      );
      return Number(lines[0]?.q) === 1 ? live : null;
    });
    expect(a!.status).toBe('reserved' === a!.status ? 'reserved' : 'ready');
    const cancelled = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, o.id))).filter(
      (x) => x.status === 'cancelled',
    );
    expect(cancelled).toHaveLength(1);
  });

  it('finds an order whose webhook was lost, at the next reconciliation', async () => {
    s.sim.control.setChaos({
      dropNext: [
        { topic: 'orders/create', count: 1 },
        { topic: 'orders/paid', count: 1 },
      ],
    });
    const lost = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-BLEU', quantity: 1 }],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    await s.sim.waitForIdleWebhooks();
    const before = await s.t.ctx.db.select().from(orders).where(eq(orders.externalId, lost.gid));
    expect(before).toHaveLength(0);
    // the next scheduled run, a few minutes later: past the grace period a webhook may still take
    await reconcileOrders(
      {
        db: s.t.ctx.db,
        shopify: s.t.ctx.shopify,
        queues: s.t.ctx.queues,
        log: s.t.ctx.log,
        now: () => new Date(Date.now() + 3 * 60_000),
      },
      { shopId },
    );
    const run = await waitFor('a reconciliation that repaired it', async () =>
      (await s.t.ctx.db.select().from(reconcileRuns).where(eq(reconcileRuns.shopId, shopId))).find(
        (r) => r.status !== 'running',
      ),
    );
    expect({ status: run.status, error: run.error }).toEqual({ status: 'completed', error: null });
    expect(run.repaired).toBeGreaterThan(0);
    // the orders whose webhooks came are held in their latest version: not counted, not re-routed
    expect(run.details).toEqual([expect.objectContaining({ externalId: lost.gid, what: 'missing order' })]);
    const o = await ourOrder(lost.gid);
    await waitFor('routed after repair', async () => (await liveAllocations(o.id)).length === 1);
  });
});
