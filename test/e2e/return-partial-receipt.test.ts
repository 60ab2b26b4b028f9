import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returns, stockLevels } from '../../drizzle/schema/index.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createReturnsRepo } from '../../core/db/returns-repo.js';
import type { SimApp } from '../helpers/sim-app.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import { LYON_CUSTOMER, placeAndShip } from '../helpers/shipped-order.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'retours-partiels.myshopify.com';
const address = LYON_CUSTOMER;

describe('a return received in two parcels, some units resellable and some damaged', () => {
  let s: SimApp;
  let shopId: number;
  let whId: number;
  let lyonLocationId: number;
  const skuIds: Record<string, number> = {};
  let admin: ReturnsShop['admin'];
  let feed: ReturnsShop['feed'];
  const level = async (sku: string) =>
    (
      await s.t.ctx.db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.shopId, shopId), eq(stockLevels.warehouseId, whId)))
    ).find((l) => l.skuId === skuIds[sku])!;
  const retRow = async (id: number) => {
    const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, id)))[0]!;
    if (r.syncError) throw new Error(r.syncError);
    return r;
  };

  let shop: ReturnsShop;
  beforeAll(async () => {
    shop = await startReturnsShop({
      domain: SHOP,
      skus: [
        { sku: 'BOL-BLEU', price: 18 },
        { sku: 'TASSE-ROSE', price: 12 },
      ],
      opening: 20,
      keyLabel: 'partial',
    });
    ({ s, shopId, whId, lyonLocationId, admin, feed } = shop);
    Object.assign(skuIds, shop.skuIds);
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('restocks only the resellable units, disposes the rest with its own Shopify disposition, and takes the rest of the return later', async () => {
    const { placed, order } = await placeAndShip(s, feed, {
      domain: SHOP,
      shopId,
      order: {
        lines: [
          { sku: 'BOL-BLEU', quantity: 2 },
          { sku: 'TASSE-ROSE', quantity: 2 },
        ],
        shippingAddress: address,
        financialStatus: 'paid',
      },
      trackingNumber: '6A70000000001',
    });
    expect((await level('BOL-BLEU')).onHand).toBe(18);
    const lines = await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id);
    const created = await admin('POST', '/returns', {
      orderId: order.id,
      lines: lines.map((l) => ({ orderLineId: l.id, quantity: 2, reason: 'defective' })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const retId = created.json().id as number;
    await waitFor('return open in Shopify, its lines linked', async () => {
      await retRow(retId);
      const r = await createReturnsRepo(s.t.ctx.db).get(shopId, retId);
      return r!.lines.every((l) => l.rfoLineExternalId !== null);
    });
    const ret = (await createReturnsRepo(s.t.ctx.db).get(shopId, retId))!;
    const bol = ret.lines.find((l) => l.sku === 'BOL-BLEU')!;
    const tasse = ret.lines.find((l) => l.sku === 'TASSE-ROSE')!;
    const remote = [...s.sim.shop(SHOP).returns.values()].find((x) => x.orderId === placed.id)!;
    const dispositions = (sku: string) => {
      const rfo = s.sim.shop(SHOP).reverseFulfillmentOrders.get(remote.reverseFulfillmentOrderIds[0]!)!;
      const lineId = Number(
        ret.lines
          .find((l) => l.sku === sku)!
          .rfoLineExternalId!.split('/')
          .pop(),
      );
      return rfo.lineItems
        .find((l) => l.id === lineId)!
        .dispositions.map((d) => ({ type: d.type, quantity: d.quantity, locationId: d.locationId }));
    };

    // first parcel: both bowls (one resellable, one cracked) and one of the two cups
    const first = {
      receivedAt: new Date().toISOString(),
      lines: [
        { lineId: bol.id, quantity: 1, grade: 'resellable' },
        { lineId: bol.id, quantity: 1, grade: 'damaged' },
        { lineId: tasse.id, quantity: 1, grade: 'resellable' },
      ],
    };
    const r1 = await feed('POST', `/returns/${retId}/receipts`, first, { 'idempotency-key': 'partial-receipt-1' });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ created: true, state: 'received', restocked: 2, damaged: 1 });
    expect(await level('BOL-BLEU')).toMatchObject({ onHand: 19, damaged: 1 });
    expect(await level('TASSE-ROSE')).toMatchObject({ onHand: 19, damaged: 0 });
    // Shopify: each unit with its grade's disposition, at the warehouse's location; no refund yet (the shop refunds on grading)
    await waitFor('first parcel disposed in Shopify', () => dispositions('TASSE-ROSE').length === 1);
    expect(dispositions('BOL-BLEU')).toEqual([
      { type: 'RESTOCKED', quantity: 1, locationId: lyonLocationId },
      { type: 'NOT_RESTOCKED', quantity: 1, locationId: lyonLocationId },
    ]);
    expect(dispositions('TASSE-ROSE')).toEqual([{ type: 'RESTOCKED', quantity: 1, locationId: lyonLocationId }]);
    expect((await retRow(retId)).state).toBe('received');
    expect(s.sim.control.getOrder(SHOP, placed.id).financialStatus).toBe('paid');

    // the second parcel cannot grade more than is left of a line
    const tooMany = await feed(
      'POST',
      `/returns/${retId}/receipts`,
      { receivedAt: new Date().toISOString(), lines: [{ lineId: tasse.id, quantity: 2, grade: 'resellable' }] },
      { 'idempotency-key': 'partial-receipt-too-many' },
    );
    expect(tooMany.statusCode, tooMany.body).toBe(422);
    expect(await level('TASSE-ROSE')).toMatchObject({ onHand: 19 });

    // second parcel: the last cup; the return is graded, Shopify restocks it and refunds every unit that came back
    const r2 = await feed(
      'POST',
      `/returns/${retId}/receipts`,
      { receivedAt: new Date().toISOString(), lines: [{ lineId: tasse.id, quantity: 1, grade: 'resellable' }] },
      { 'idempotency-key': 'partial-receipt-2' },
    );
    expect(r2.statusCode).toBe(201);
    expect(r2.json()).toMatchObject({ created: true, state: 'graded', restocked: 1, damaged: 0 });
    expect(await level('TASSE-ROSE')).toMatchObject({ onHand: 20 });
    const refunded = await waitFor('refunded', async () => {
      const r = await retRow(retId);
      return r.state === 'refunded' ? r : null;
    });
    expect(refunded.refundAmount).toBe('60.00');
    // the sync queued by the first parcel may take the refund while the second parcel's sync, run
    // beside it, still disposes the last cup
    await waitFor('second parcel disposed in Shopify', () => dispositions('TASSE-ROSE').length === 2);
    expect(dispositions('TASSE-ROSE')).toEqual([
      { type: 'RESTOCKED', quantity: 1, locationId: lyonLocationId },
      { type: 'RESTOCKED', quantity: 1, locationId: lyonLocationId },
    ]);
    expect(dispositions('BOL-BLEU')).toHaveLength(2);
    const done = (await createReturnsRepo(s.t.ctx.db).get(shopId, retId))!;
    expect(done.lines.find((l) => l.sku === 'TASSE-ROSE')).toMatchObject({
      receivedQuantity: 2,
      grades: [{ grade: 'resellable', quantity: 2 }],
      disposedQuantity: 2,
    });
    expect(done.lines.find((l) => l.sku === 'BOL-BLEU')).toMatchObject({ receivedQuantity: 2, disposedQuantity: 2 });

    // the first parcel's receipt, replayed: nothing moves
    const again = await feed('POST', `/returns/${retId}/receipts`, first, { 'idempotency-key': 'partial-receipt-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, state: 'received' });
    expect(await level('BOL-BLEU')).toMatchObject({ onHand: 19, damaged: 1 });
    expect(await level('TASSE-ROSE')).toMatchObject({ onHand: 20 });
    const steps = (await admin('GET', `/returns/${retId}`))
      .json()
      .timeline.map((t: { action: string }) => t.action)
      .filter((a: string) => a === 'return_received' || a === 'return_graded');
    expect(steps).toEqual(['return_received', 'return_received', 'return_graded']);
  });
});
