import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FO_MOVE,
  ORDER_FULFILLMENT_STATE,
  type FoMoveResult,
  type OrderFulfillmentState,
} from '../../core/integrations/shopify/operations/fulfillment.js';
import { adminCaller } from '../helpers/sim-shop-setup.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

const SHOP = 'coalesce.myshopify.com';
const address = { address1: '1 rue de la Paix', city: 'Lyon', zip: '69001', countryCode: 'FR' };

/**
 * Calls made with `coalesceMs` reach the Shopify simulator (which executes the real Admin schema
 * and charges its query costs) as one aliased document, and each caller gets its own answer.
 */
describe('coalesced Shopify calls', () => {
  let s: SimApp;
  let token: string;
  let elsewhere: string;

  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, SHOP, [{ sku: 'MUG' }, { sku: 'BOWL' }]);
    expect(
      (
        await adminCaller(
          () => s,
          () => token,
        )('GET', '/shop')
      ).statusCode,
    ).toBe(200);
    const home = s.sim.control.createLocation(SHOP, { name: 'Lyon', address });
    for (const sku of ['MUG', 'BOWL']) s.sim.control.setStock(SHOP, { sku, locationId: home.id, onHand: 50 });
    const marseille = s.sim.control.createLocation(SHOP, {
      name: 'Marseille',
      address: { ...address, city: 'Marseille' },
    });
    elsewhere = marseille.gid;
    // only the mug is stocked at Marseille: a bowl's fulfillment order cannot move there
    s.sim.control.setStock(SHOP, { sku: 'MUG', locationId: marseille.id, onHand: 50 });
    s.sim.control.setLocationRanking(SHOP, [home.id, marseille.id]);
  }, 60_000);
  afterAll(() => s?.close());

  const place = (sku: string) =>
    s.sim.control.placeOrder(SHOP, { lines: [{ sku, quantity: 1 }], shippingAddress: address, financialStatus: 'paid' })
      .gid;
  const batchCalls = (name: string) => s.sim.control.requestLog({ shop: SHOP, operationName: name });

  it('sends several orders’ state queries as one request, each answer to its caller', async () => {
    const orders = [place('MUG'), place('BOWL'), place('MUG')];
    s.sim.control.resetLogs();
    const answers = await Promise.all(
      orders.map((id) =>
        s.t.ctx.shopify.request<OrderFulfillmentState>(SHOP, ORDER_FULFILLMENT_STATE, { id }, { coalesceMs: 30 }),
      ),
    );
    expect(answers.map((a) => a.order?.id)).toEqual(orders);
    expect(answers.every((a) => a.order!.fulfillmentOrders.nodes.length === 1)).toBe(true);
    expect(batchCalls('OrderFulfillmentStateBatch')).toHaveLength(1);
    expect(batchCalls('OrderFulfillmentState')).toHaveLength(0);
  });

  it('keeps a refused copy from failing its neighbours: the document goes again copy by copy', async () => {
    const good = place('MUG');
    s.sim.control.resetLogs();
    const [ok, bad] = await Promise.allSettled([
      s.t.ctx.shopify.request<OrderFulfillmentState>(SHOP, ORDER_FULFILLMENT_STATE, { id: good }, { coalesceMs: 30 }),
      s.t.ctx.shopify.request<OrderFulfillmentState>(
        SHOP,
        ORDER_FULFILLMENT_STATE,
        { id: { not: 'an id' } },
        { coalesceMs: 30 },
      ),
    ]);
    expect(ok.status === 'fulfilled' && ok.value.order?.id).toBe(good);
    expect(bad.status).toBe('rejected');
    expect(batchCalls('OrderFulfillmentStateBatch')).toHaveLength(1);
    expect(batchCalls('OrderFulfillmentState')).toHaveLength(2);
  });

  it('runs several moves in one request, each with its own userErrors', async () => {
    const orders = [place('MUG'), place('BOWL'), place('MUG')];
    const fos = await Promise.all(
      orders.map(async (id) => {
        const st = await s.t.ctx.shopify.request<OrderFulfillmentState>(SHOP, ORDER_FULFILLMENT_STATE, { id });
        return st.order!.fulfillmentOrders.nodes[0]!.id;
      }),
    );
    s.sim.control.resetLogs();
    const moves = await Promise.all(
      fos.map((id) =>
        s.t.ctx.shopify.request<FoMoveResult>(SHOP, FO_MOVE, { id, loc: elsewhere, items: null }, { coalesceMs: 30 }),
      ),
    );
    expect(batchCalls('FulfillmentOrderMoveBatch')).toHaveLength(1);
    expect(moves.map((m) => m.fulfillmentOrderMove.movedFulfillmentOrder?.id ?? null)).toEqual([fos[0], null, fos[2]]);
    expect(moves.map((m) => m.fulfillmentOrderMove.userErrors.length)).toEqual([0, 1, 0]);
    expect(moves[1]!.fulfillmentOrderMove.userErrors[0]!.message).toMatch(/stock/i);
  });
});
