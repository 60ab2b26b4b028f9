import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: h.paris.id, available: 10 });
});
afterAll(async () => {
  await h.close();
});

const address = { address1: '5 rue C', city: 'Rennes', zip: '35000', countryCode: 'FR' };
const STATE = `query($id: ID!) { order(id: $id) {
  all: fulfillmentOrders(first: 5) { nodes { id status fulfillments(first: 5) { nodes { id } } } }
  shown: fulfillmentOrders(first: 5, displayable: true) { nodes { id } }
} }`;
type State = {
  order: {
    all: { nodes: { id: string; status: string; fulfillments: { nodes: { id: string }[] } }[] };
    shown: { nodes: { id: string }[] };
  };
};
const state = async (gid: string) => (await h.gql(STATE, { id: gid })).body.data as State;

describe('displayable fulfillment orders', () => {
  it('shows a closed fulfillment order that was fulfilled, with its fulfillment, and hides a cancelled one', async () => {
    // another order's fulfillment first: a fulfillment order lists only its own
    const other = h.sim.control.placeOrder(SHOP, { lines: [{ sku: 'MUG', quantity: 1 }], shippingAddress: address });
    const shipped = h.sim.control.placeOrder(SHOP, { lines: [{ sku: 'MUG', quantity: 1 }], shippingAddress: address });
    for (const o of [other, shipped]) {
      const r = await h.gql(
        `mutation { fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "${o.fulfillmentOrders[0]?.gid}" }] }) { fulfillment { id } userErrors { message } } }`,
      );
      expect(r.body.errors).toBeUndefined();
    }
    const s = await state(shipped.gid);
    expect(s.order.all.nodes).toHaveLength(1);
    expect(s.order.all.nodes[0]).toMatchObject({ status: 'CLOSED' });
    expect(s.order.all.nodes[0]!.fulfillments.nodes).toHaveLength(1);
    expect(s.order.shown.nodes.map((n) => n.id)).toEqual([s.order.all.nodes[0]!.id]);

    const cancelled = h.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'MUG', quantity: 1 }],
      shippingAddress: address,
    });
    h.sim.control.cancelOrder(SHOP, cancelled.id);
    const c = await state(cancelled.gid);
    expect(c.order.all.nodes).toHaveLength(1);
    expect(c.order.all.nodes[0]!.fulfillments.nodes).toEqual([]);
    expect(c.order.shown.nodes).toEqual([]);
  });
});
