import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders, returns } from '../../drizzle/schema/index.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createReturnsRepo } from '../../core/db/returns-repo.js';
import { createTrackingPagesRepo } from '../../core/db/tracking-pages-repo.js';
import type { SimApp } from '../helpers/sim-app.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import { LYON_CUSTOMER, placeAndShip, shipThroughFeed } from '../helpers/shipped-order.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'echange-test.myshopify.com';
const address = LYON_CUSTOMER;

describe('an exchange: the return ships another SKU as a new order, routed like any other', () => {
  let s: SimApp;
  let shopId: number;
  let whId: number;
  let lyonLocationId: number;
  let admin: ReturnsShop['admin'];
  let feed: ReturnsShop['feed'];
  const retRow = async (id: number) => {
    const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, id)))[0]!;
    if (r.syncError) throw new Error(r.syncError);
    return r;
  };

  let shop: ReturnsShop;
  beforeAll(async () => {
    // one product in two sizes: each size may be exchanged for the other
    shop = await startReturnsShop({
      domain: SHOP,
      products: [
        {
          title: 'Pull marin',
          variants: [
            { sku: 'PULL-M', title: 'M', price: 40, options: [{ name: 'Taille', value: 'M' }] },
            { sku: 'PULL-L', title: 'L', price: 40, options: [{ name: 'Taille', value: 'L' }] },
          ],
        },
        { title: 'Bonnet', variants: [{ sku: 'BONNET', price: 15 }] },
      ],
      opening: 10,
      keyLabel: 'exchange',
    });
    ({ s, shopId, whId, lyonLocationId, admin, feed } = shop);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('one unit exchanged for a size up, one refunded; the exchange order is routed, dispatched, fulfilled in Shopify, and made once', async () => {
    const { placed, order } = await placeAndShip(s, feed, {
      domain: SHOP,
      shopId,
      order: { lines: [{ sku: 'PULL-M', quantity: 2 }], shippingAddress: address, financialStatus: 'paid' },
      trackingNumber: '6A90000000001',
    });
    const line = (await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id))[0]!;

    // an exchange for a SKU the shop does not sell is refused before anything is recorded
    const bad = await admin('POST', '/returns', {
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: 2, reason: 'size_too_small', exchange: { sku: 'NOPE', quantity: 1 } }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('bad_exchange');

    const created = await admin('POST', '/returns', {
      orderId: order.id,
      lines: [
        { orderLineId: line.id, quantity: 2, reason: 'size_too_small', exchange: { sku: 'PULL-L', quantity: 1 } },
      ],
    });
    expect(created.statusCode).toBe(201);
    const retId = created.json().id as number;
    expect(created.json().status).toBe('approved');

    // Shopify gets an open return carrying the exchange line (returnCreate's exchangeLineItems)
    const remote = await waitFor('return in Shopify with its exchange', async () => {
      await retRow(retId);
      const r = [...s.sim.shop(SHOP).returns.values()].find((x) => x.orderId === placed.id);
      return r?.exchangeLineItems.length ? r : null;
    });
    expect(remote.status).toBe('OPEN');
    expect(remote.exchangeLineItems).toEqual([expect.objectContaining({ quantity: 1, processedQuantity: 0 })]);
    await waitFor(
      'exchange id stored',
      async () => (await createReturnsRepo(s.t.ctx.db).get(shopId, retId))!.lines[0]!.exchangeExternalId !== null,
    );

    // the warehouse receives both units, resellable
    const expected = (await feed('GET', '/returns/expected')).json();
    const lineId = expected.items.find((i: { id: number }) => i.id === retId).lines[0].lineId;
    const receipt = {
      receivedAt: new Date().toISOString(),
      lines: [{ lineId, quantity: 2, grade: 'resellable' }],
    };
    expect(
      (await feed('POST', `/returns/${retId}/receipts`, receipt, { 'idempotency-key': 'ex-receipt-1' })).statusCode,
    ).toBe(201);

    // the exchange becomes an order of ours, linked to the return; the refund covers the other unit only
    const done = await waitFor('exchange order and refund', async () => {
      const r = await retRow(retId);
      return r.exchangeOrderId && r.state === 'refunded' ? r : null;
    });
    expect(done.refundAmount).toBe('40.00');
    const [exOrder] = await s.t.ctx.db.select().from(orders).where(eq(orders.id, done.exchangeOrderId!));
    expect(exOrder).toMatchObject({ channel: 'shopify', channelOrderExternalId: placed.gid, financialStatus: 'PAID' });
    const exLines = await createOrdersRepo(s.t.ctx.db).lines(shopId, exOrder!.id);
    expect(exLines.map((l) => [l.sku, l.quantity])).toEqual([['PULL-L', 1]]);
    // in Shopify the exchanged variant is a new line item of the returned order, with its own fulfillment order
    const shopifyOrder = s.sim.control.getOrder(SHOP, placed.id);
    const added = shopifyOrder.lineItems.find((l) => l.sku === 'PULL-L')!;
    expect(exLines[0]!.externalId).toBe(added.gid);
    // and it is not a line of the returned order here, though Shopify's orders/updated carried it
    await s.sim.waitForIdleWebhooks();
    expect((await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id)).map((l) => l.sku)).toEqual(['PULL-M']);

    // routed by the shop's rules to Lyon, placed on Lyon's location in Shopify, shipped by the 3PL, fulfilled in Shopify
    await shipThroughFeed(s, feed, {
      domain: SHOP,
      orderId: exOrder!.id,
      shopifyOrderId: placed.id,
      trackingNumber: '6A90000000002',
      idempotencyKey: 'ex-parcel',
    });
    const [alloc] = await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, exOrder!.id));
    expect(alloc!.warehouseId).toBe(whId);
    await waitFor('exchange fulfilled in Shopify', () => {
      const o = s.sim.control.getOrder(SHOP, placed.id);
      return o.fulfillmentOrders.some(
        (fo) =>
          fo.status === 'CLOSED' &&
          fo.locationId === lyonLocationId &&
          fo.lineItems.some((l) => l.lineItemId === added.id),
      );
    });

    // visible on the return's page and on both orders' timelines
    const detail = (await admin('GET', `/returns/${retId}`)).json();
    expect(detail.exchangeOrder).toMatchObject({ id: exOrder!.id, name: exOrder!.name });
    expect(detail.lines[0].exchange).toEqual({ sku: 'PULL-L', title: expect.any(String), quantity: 1 });
    expect(JSON.stringify((await admin('GET', `/orders/${order.id}`)).json())).toContain('exchange_order_created');
    expect(JSON.stringify((await admin('GET', `/orders/${exOrder!.id}`)).json())).toContain('exchange_created');

    // a repeated receipt and another sync change nothing: one exchange order, one processed unit in Shopify
    expect(
      (await feed('POST', `/returns/${retId}/receipts`, receipt, { 'idempotency-key': 'ex-receipt-1' })).statusCode,
    ).toBe(200);
    await s.t.ctx.queues.add('returns', { shopId, returnId: retId }, { jobId: `ex-again-${retId}` });
    await s.sim.waitForIdleWebhooks();
    await waitFor(
      'sync done',
      async () => (await s.t.ctx.queues.queue('returns').getJobCounts('active', 'waiting')).active === 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    const exchangeOrders = (await s.t.ctx.db.select().from(orders).where(eq(orders.shopId, shopId))).filter(
      (o) => o.channelOrderExternalId !== null,
    );
    expect(exchangeOrders).toHaveLength(1);
    expect(s.sim.shop(SHOP).returns.get(remote.id)!.exchangeLineItems[0]!.processedQuantity).toBe(1);
    expect(s.sim.control.getOrder(SHOP, placed.id).lineItems.filter((l) => l.sku === 'PULL-L')).toHaveLength(1);
  });

  it('the customer page offers the other sizes of a returned item instead of a refund, and the request carries the exchange', async () => {
    const { order } = await placeAndShip(s, feed, {
      domain: SHOP,
      shopId,
      order: {
        lines: [
          { sku: 'PULL-L', quantity: 1 },
          { sku: 'BONNET', quantity: 1 },
        ],
        shippingAddress: address,
        financialStatus: 'paid',
      },
      trackingNumber: '6A90000000003',
    });
    const lines = await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id);
    const pull = lines.find((l) => l.sku === 'PULL-L')!;
    const bonnet = lines.find((l) => l.sku === 'BONNET')!;
    const { token: pageToken } = await createTrackingPagesRepo(s.t.ctx.db).ensure(shopId, order.id);
    const form = await s.app.inject({
      method: 'GET',
      url: `/t/${pageToken}/return`,
      headers: { 'accept-language': 'fr' },
    });
    expect(form.statusCode).toBe(200);
    // the pull has a sibling size to offer; the hat, alone in its product, has none
    expect(form.body).toContain(`name="exch_${pull.id}"`);
    expect(form.body).not.toContain(`name="exch_${bonnet.id}"`);
    const m = form.body.match(new RegExp(`<option value="(\\d+)">Échanger contre [^<]*\\(PULL-M\\)</option>`));
    expect(m).not.toBeNull();
    const posted = await s.app.inject({
      method: 'POST',
      url: `/t/${pageToken}/return`,
      headers: { 'accept-language': 'fr', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        [`qty_${pull.id}`]: '1',
        [`exch_${pull.id}`]: m![1]!,
        [`qty_${bonnet.id}`]: '1',
        // a variant id the form did not offer for this line is ignored: a refund
        [`exch_${bonnet.id}`]: m![1]!,
        reason: 'size_too_large',
      }).toString(),
    });
    expect(posted.statusCode).toBe(201);
    const [ret] = await s.t.ctx.db.select().from(returns).where(eq(returns.orderId, order.id));
    const saved = (await createReturnsRepo(s.t.ctx.db).get(shopId, ret!.id))!;
    expect(saved.lines.map((l) => [l.sku, l.exchangeSku, l.exchangeQuantity]).sort()).toEqual([
      ['BONNET', null, 0],
      ['PULL-L', 'PULL-M', 1],
    ]);
    // approved at once by the rules, it reaches Shopify through returnCreate with the exchange line
    await waitFor('return in Shopify with its exchange', async () => {
      await retRow(ret!.id);
      const r = [...s.sim.shop(SHOP).returns.values()].find(
        (x) => x.orderId === Number(order.externalId.split('/').pop()),
      );
      return r?.exchangeLineItems.length === 1 && r.status === 'OPEN';
    });
  });
});
