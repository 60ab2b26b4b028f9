import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders, returns, stockLevels } from '../../drizzle/schema/index.js';
import { createReturnsRepo } from '../../core/db/returns-repo.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createTrackingPagesRepo } from '../../core/db/tracking-pages-repo.js';
import type { SimApp } from '../helpers/sim-app.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import { waitFor } from '../helpers/wait.js';
import { LYON_CUSTOMER } from '../helpers/shipped-order.js';

const SHOP = 'retours-test.myshopify.com';
const address = LYON_CUSTOMER;

describe('a return from request to refund, through the simulators', () => {
  let s: SimApp;
  let shopId: number;
  let whId: number;
  let lyonLocationId: number;
  let admin: ReturnsShop['admin'];
  let feed: ReturnsShop['feed'];

  const level = async () =>
    (
      await s.t.ctx.db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.shopId, shopId), eq(stockLevels.warehouseId, whId)))
    ).find((l) => l.skuId === skuIds['BOL-BLEU'])!;
  const skuIds: Record<string, number> = {};

  let shop: ReturnsShop;
  beforeAll(async () => {
    shop = await startReturnsShop({
      domain: SHOP,
      skus: [
        { sku: 'BOL-BLEU', price: 18 },
        { sku: 'TASSE-ROSE', price: 12 },
      ],
      opening: 20,
      keyLabel: 'e2e',
      policy: null,
    });
    ({ s, shopId, whId, lyonLocationId, admin, feed } = shop);
    Object.assign(skuIds, shop.skuIds);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('customer asks, merchant approves, the 3PL receives and grades, stock comes back, Shopify processes and refunds, the figures count it', async () => {
    // the shop reviews every return and refunds once the warehouse graded it
    expect(
      (
        await admin('PUT', '/returns/policy', {
          customerRequests: true,
          windowDays: 30,
          autoApprove: false,
          excludedSkus: [],
          excludedTags: ['final-sale'],
          refundOn: 'grading',
          returnWarehouseIds: [whId],
          costPerReturn: 6,
        })
      ).statusCode,
    ).toBe(200);

    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'BOL-BLEU', quantity: 2 },
        { sku: 'TASSE-ROSE', quantity: 1 },
      ],
      shippingAddress: address,
      financialStatus: 'paid',
    });
    const order = await waitFor(
      'order ingested',
      async () =>
        (
          await s.t.ctx.db
            .select()
            .from(orders)
            .where(and(eq(orders.shopId, shopId), eq(orders.externalId, placed.gid)))
        )[0],
    );
    const [a] = await waitFor('allocation ready', async () => {
      const live = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, order.id))).filter(
        (x) => x.status === 'ready',
      );
      return live.length ? live : null;
    });
    const leased = (await feed('POST', '/allocations/lease')).json();
    const lines = leased.items[0].lines.map((l: { lineId: number; quantity: number }) => ({
      lineId: l.lineId,
      quantity: l.quantity,
    }));
    expect(
      (
        await feed(
          'POST',
          `/allocations/${a!.id}/shipments`,
          {
            lines,
            carrier: 'Colissimo',
            trackingNumbers: ['6A12345678901'],
            shippedAt: new Date().toISOString(),
            leaseToken: leased.leaseToken,
          },
          { 'idempotency-key': 'ret-parcel-1' },
        )
      ).statusCode,
    ).toBe(201);
    await waitFor(
      'fulfilled in Shopify',
      () => s.sim.control.getOrder(SHOP, placed.id).displayFulfillmentStatus === 'FULFILLED',
    );
    expect((await level()).onHand).toBe(18);

    // the customer's door: the tracking page links to the return form, the form posts the request
    const orderLines = await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id);
    const bol = orderLines.find((l) => l.sku === 'BOL-BLEU')!;
    const { token: pageToken } = await createTrackingPagesRepo(s.t.ctx.db).ensure(shopId, order.id);
    const tracking = await s.app.inject({
      method: 'GET',
      url: `/t/${pageToken}`,
      headers: { 'accept-language': 'fr' },
    });
    expect(tracking.body).toContain(`/t/${pageToken}/return`);
    const form = await s.app.inject({
      method: 'GET',
      url: `/t/${pageToken}/return`,
      headers: { 'accept-language': 'fr' },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="qty_${bol.id}"`);
    const posted = await s.app.inject({
      method: 'POST',
      url: `/t/${pageToken}/return`,
      headers: { 'accept-language': 'fr', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        [`qty_${bol.id}`]: '2',
        reason: 'damaged_in_transit',
        note: 'Un bol est arrivé fêlé',
      }).toString(),
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.body).toContain('est enregistré');
    const [ours] = await s.t.ctx.db
      .select()
      .from(returns)
      .where(and(eq(returns.shopId, shopId), eq(returns.orderId, order.id)));
    const asked = { ret: ours! };
    expect(ours!.source).toBe('customer');
    expect(ours!.rma).toMatch(/^RMA-\d{6}-[A-Z]$/);
    expect(posted.body).toContain(ours!.rma);
    expect(ours!.warehouseId).toBe(whId);
    const retId = ours!.id;
    // Shopify gets the request
    await waitFor('return requested in Shopify', async () => {
      const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, retId)))[0]!;
      if (r.syncError) throw new Error(r.syncError);
      return s.sim.control.getOrder(SHOP, placed.id).returns[0]?.status === 'REQUESTED';
    });

    // the contract other checks rely on
    const list = (await admin('GET', '/returns')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: retId, rma: asked.ret.rma, status: 'requested' })]);

    // the merchant approves
    const approved = await admin('POST', `/returns/${retId}/actions`, { type: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    await waitFor(
      'return open in Shopify',
      () => s.sim.control.getOrder(SHOP, placed.id).returns[0]?.status === 'OPEN',
    );
    const twice = await admin('POST', `/returns/${retId}/actions`, { type: 'approve' });
    expect(twice.statusCode).toBe(409);

    // the 3PL sees it coming, receives it: one resellable, one damaged
    const expected = (await feed('GET', '/returns/expected')).json();
    expect(expected.items).toEqual([
      expect.objectContaining({
        id: retId,
        rma: asked.ret.rma,
        lines: [expect.objectContaining({ sku: 'BOL-BLEU', quantity: 2 })],
      }),
    ]);
    const lineId = expected.items[0].lines[0].lineId;
    const receipt = {
      receivedAt: new Date().toISOString(),
      lines: [
        { lineId, quantity: 1, grade: 'resellable' },
        { lineId, quantity: 1, grade: 'damaged', photoUrls: ['https://photos.example/crack.jpg'] },
      ],
    };
    const first = await feed('POST', `/returns/${retId}/receipts`, receipt, { 'idempotency-key': 'receipt-0001' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ created: true, restocked: 1, damaged: 1, state: 'graded' });
    // stock comes back: one unit sellable, the damaged one apart
    expect(await level()).toMatchObject({ onHand: 19, damaged: 1 });

    // a repeated receipt changes nothing; the same key with another body is refused
    const again = await feed('POST', `/returns/${retId}/receipts`, receipt, { 'idempotency-key': 'receipt-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, restocked: 1, damaged: 1 });
    expect(await level()).toMatchObject({ onHand: 19, damaged: 1 });
    expect(
      (
        await feed(
          'POST',
          `/returns/${retId}/receipts`,
          { ...receipt, lines: [{ lineId, quantity: 2, grade: 'resellable' }] },
          { 'idempotency-key': 'receipt-0001' },
        )
      ).statusCode,
    ).toBe(409);
    expect(
      (await feed('POST', `/returns/${retId}/receipts`, receipt, { 'idempotency-key': 'receipt-0002' })).statusCode,
    ).toBe(409);

    // Shopify: restocked at Lyon, processed and refunded
    const refunded = await waitFor('refunded', async () => {
      const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, retId)))[0]!;
      if (r.syncError) throw new Error(r.syncError);
      return r.state === 'refunded' ? r : null;
    });
    expect(refunded.refundAmount).toBe('36.00');
    const shopifyOrder = s.sim.control.getOrder(SHOP, placed.id);
    expect(shopifyOrder.financialStatus).toBe('partially_refunded');
    expect(shopifyOrder.returns[0]!.lineItems[0]).toMatchObject({ quantity: 2, processedQuantity: 2 });
    const rfo = s.sim
      .shop(SHOP)
      .reverseFulfillmentOrders.get(
        s.sim.shop(SHOP).returns.get(shopifyOrder.returns[0]!.id)!.reverseFulfillmentOrderIds[0]!,
      )!;
    expect(
      rfo.lineItems[0]!.dispositions.map((d) => ({ type: d.type, quantity: d.quantity, locationId: d.locationId })),
    ).toEqual([
      { type: 'RESTOCKED', quantity: 1, locationId: lyonLocationId },
      { type: 'NOT_RESTOCKED', quantity: 1, locationId: lyonLocationId },
    ]);

    // the return's page tells the story, and the order's timeline has every step
    const detail = (await admin('GET', `/returns/${retId}`)).json();
    expect(detail.status).toBe('refunded');
    expect(detail.lines[0]).toMatchObject({
      receivedQuantity: 2,
      grades: [
        { grade: 'resellable', quantity: 1 },
        { grade: 'damaged', quantity: 1 },
      ],
      photoUrls: ['https://photos.example/crack.jpg'],
    });
    const actions = detail.timeline.map((t: { action: string }) => t.action);
    for (const step of [
      'return_requested',
      'return_approved',
      'return_received',
      'return_graded',
      'refund_requested',
      'return_refunded',
    ])
      expect(actions).toContain(step);
    const orderPage = (await admin('GET', `/orders/${order.id}`)).json();
    expect(JSON.stringify(orderPage)).toContain('return_refunded');

    // the figures count it
    const figures = (await admin('GET', '/returns/analytics')).json();
    expect(figures).toMatchObject({
      returns: 1,
      unitsReturned: 2,
      shareRestocked: 0.5,
      valueRecovered: 18,
      costOfReturns: 6,
      topReasons: [{ reason: 'damaged_in_transit', units: 2, share: 1 }],
    });
    expect(figures.bySku).toEqual([{ key: 'BOL-BLEU', returned: 2, sold: 2, rate: 1 }]);
    expect(figures.hoursRequestToRefund).not.toBeNull();

    // the slip carries the RMA as a barcode and the returns warehouse's address
    const slip = await admin('GET', `/returns/${retId}/slip?lang=fr`);
    expect(slip.headers['content-type']).toContain('text/html');
    expect(slip.body).toContain(asked.ret.rma);
    expect(slip.body).toContain('<svg');
    expect(slip.body).toContain('Lyon');
    expect((await createReturnsRepo(s.t.ctx.db).get(shopId, retId))!.lines[0]!.disposedQuantity).toBe(2);
  });
});
