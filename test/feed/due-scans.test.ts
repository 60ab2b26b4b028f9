import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, auditLog, shipments, trackingEvents } from '../../drizzle/schema/index.js';
import { jobIds, TRACKING_WINDOW_MS } from '../../core/queue/job-ids.js';
import { pushDueScans } from '../../core/use-cases/tracking/push-due-scans.js';
import { sweepWork } from '../../core/use-cases/sweep-work.js';
import { createStaleWorkQueries } from '../../core/db/stale-work-queries.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import { LYON_CUSTOMER, placeAndShip } from '../helpers/shipped-order.js';

const SHOP = 'scans-dues.myshopify.com';

/**
 * A shop's carrier scans reach Shopify through one job per tick (push-due-scans.ts): each
 * shipment's newest scan once its window has closed or the parcel is delivered, many parcels per
 * run, the calls in one document. The scans here are written inside their window (due a minute
 * later), so the worker's own job waits and the runs below are the test's.
 */
describe("the shop's due carrier scans", () => {
  let shop: ReturnsShop;
  let n = 0;
  const deps = () => ({
    db: shop.s.t.ctx.db,
    shopify: shop.s.t.ctx.shopify,
    queues: shop.s.t.ctx.queues,
    log: shop.s.t.ctx.log,
  });

  beforeAll(async () => {
    shop = await startReturnsShop({
      domain: SHOP,
      skus: [{ sku: 'BOL', price: 18 }],
      opening: 100,
      keyLabel: 'scans',
      policy: null,
    });
  });
  afterAll(async () => shop?.close());

  /** A parcel shipped and fulfilled in Shopify, with scans posted by the 3PL through the feed. */
  async function shippedParcel(scans: ('in_transit' | 'out_for_delivery')[]) {
    const { placed, order } = await placeAndShip(shop.s, shop.feed, {
      domain: SHOP,
      shopId: shop.shopId,
      order: { lines: [{ sku: 'BOL', quantity: 1 }], financialStatus: 'paid', shippingAddress: LYON_CUSTOMER },
      trackingNumber: `6A2000000000${++n}`,
    });
    const [shipment] = await shop.s.t.ctx.db
      .select({ id: shipments.id })
      .from(shipments)
      .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
      .where(and(eq(shipments.shopId, shop.shopId), eq(allocations.orderId, order.id)));
    for (const [i, status] of scans.entries()) {
      const res = await shop.feed('POST', `/shipments/${shipment!.id}/events`, {
        status,
        occurredAt: new Date(Date.now() - 1000 + i * 100).toISOString(),
        location: 'Lyon',
      });
      expect(res.json()).toMatchObject({ created: true });
    }
    return { placed, order, shipment: shipment! };
  }
  const scansOf = async (shipmentId: number) =>
    (
      await shop.s.t.ctx.db
        .select()
        .from(trackingEvents)
        .where(eq(trackingEvents.shipmentId, shipmentId))
        .orderBy(trackingEvents.occurredAt)
    ).map((e) => [e.status, e.pushStatus]);
  /** the sweeper's jobs for this shop's scans (their ids carry the minute they were made in) */
  const sweptJobs = async () =>
    (
      await shop.s.t.ctx.queues
        .queue('fulfill')
        .getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'])
    ).filter((j) => j.id!.startsWith(jobIds.fulfill.dueScansSweep(shop.shopId, 0).replace(/-0$/, '-')));
  const displayStatus = (orderId: number) => shop.s.sim.control.getOrder(SHOP, orderId).fulfillments[0]?.displayStatus;

  it('waits for the window, then pushes the newest scan of every parcel due in one run and one document', async () => {
    const parcels = [];
    for (let i = 0; i < 3; i++) parcels.push(await shippedParcel(['in_transit', 'out_for_delivery']));
    // within the window nothing is due
    expect(await pushDueScans(deps(), { shopId: shop.shopId })).toEqual({ pushed: 0, failed: 0 });
    for (const p of parcels)
      expect(await scansOf(p.shipment.id)).toEqual([
        ['in_transit', 'pending'],
        ['out_for_delivery', 'pending'],
      ]);

    const before = shop.s.sim.requestLog({ shop: SHOP }).length;
    const later = Date.now() + TRACKING_WINDOW_MS + 1000;
    expect(await pushDueScans(deps(), { shopId: shop.shopId, now: later })).toEqual({ pushed: 3, failed: 0 });
    const calls = shop.s.sim.requestLog({ shop: SHOP }).slice(before);
    expect(calls.map((c) => c.operationName)).toEqual(['FulfillmentEventCreateBatch']);
    for (const p of parcels) {
      expect(displayStatus(p.placed.id)).toBe('OUT_FOR_DELIVERY');
      expect(await scansOf(p.shipment.id)).toEqual([
        ['in_transit', 'skipped'],
        ['out_for_delivery', 'pushed'],
      ]);
    }
    const audits = await shop.s.t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'tracking_events_pushed'),
          inArray(
            auditLog.entityId,
            parcels.map((p) => String(p.order.id)),
          ),
        ),
      );
    expect(audits.map((a) => a.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      parcels
        .map((p) => ({ shipmentId: p.shipment.id, status: 'out_for_delivery', superseded: 1 }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    // a second run finds nothing left
    expect(await pushDueScans(deps(), { shopId: shop.shopId, now: later })).toEqual({ pushed: 0, failed: 0 });
  });

  it('records the parcels Shopify took when one is refused, tries again, and gives the refused one up on the last attempt', async () => {
    const good = await shippedParcel(['in_transit']);
    const bad = await shippedParcel(['in_transit']);
    // Shopify no longer knows the fulfillment this parcel's scans would go on
    await shop.s.t.ctx.db
      .update(shipments)
      .set({ fulfillmentExternalId: 'gid://shopify/Fulfillment/404' })
      .where(eq(shipments.id, bad.shipment.id));
    const later = Date.now() + TRACKING_WINDOW_MS + 1000;
    await expect(pushDueScans(deps(), { shopId: shop.shopId, now: later })).rejects.toThrow(/does not exist/);
    expect(await scansOf(good.shipment.id)).toEqual([['in_transit', 'pushed']]);
    expect(await scansOf(bad.shipment.id)).toEqual([['in_transit', 'pending']]);
    expect(displayStatus(good.placed.id)).toBe('IN_TRANSIT');

    // the sweeper finds the scan left pending once its window and the sweeper's margin are over
    const sweepAt = new Date(Date.now() + 2 * TRACKING_WINDOW_MS + 1000);
    await sweepWork({ ...deps() }, { olderThanMs: 1000, now: sweepAt });
    // (the fulfill worker running here may take it at once: in real time the scan is not due yet)
    const [swept, ...more] = await sweptJobs();
    expect(more).toEqual([]);
    expect(swept?.data).toEqual({ shopId: shop.shopId });

    expect(await pushDueScans(deps(), { shopId: shop.shopId, now: later, finalAttempt: true })).toEqual({
      pushed: 0,
      failed: 1,
    });
    expect(await scansOf(bad.shipment.id)).toEqual([['in_transit', 'failed']]);
    const [given] = await shop.s.t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'tracking_events_push_failed'), eq(auditLog.entityId, String(bad.order.id))));
    expect(given?.data).toMatchObject({ shipmentId: bad.shipment.id, status: 'in_transit' });
    // a scan given up on is not swept again
    expect(await createStaleWorkQueries(shop.s.t.ctx.db).shopsWithPendingScans(sweepAt)).toEqual([]);
    // nor is a scan that waits for its shipment's own push (the sweeper queues that shipment)
    const waiting = await shippedParcel(['in_transit']);
    await shop.s.t.ctx.db
      .update(shipments)
      .set({ fulfillmentExternalId: null })
      .where(eq(shipments.id, waiting.shipment.id));
    expect(await scansOf(waiting.shipment.id)).toEqual([['in_transit', 'pending']]);
    expect(await createStaleWorkQueries(shop.s.t.ctx.db).shopsWithPendingScans(sweepAt)).toEqual([]);
  });
});
