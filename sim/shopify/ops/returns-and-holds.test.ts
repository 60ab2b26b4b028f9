import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const sku of ['TSHIRT-BLEU-L', 'MUG'])
    h.sim.control.setStock(SHOP, { sku, locationId: h.paris.id, available: 10 });
});
afterAll(async () => {
  await h.close();
});

const address = { address1: '5 rue C', city: 'Rennes', zip: '35000', countryCode: 'FR' };

function data<T>(r: { body: { data?: unknown; errors?: unknown } }): T {
  expect(r.body.errors).toBeUndefined();
  return r.body.data as T;
}

describe('returns over Admin GraphQL', () => {
  it('requests, approves, restocks, processes and closes a return', async () => {
    const placed = h.sim.control.placeOrder(SHOP, { lines: [{ sku: 'MUG', quantity: 2 }], shippingAddress: address });
    const fo = placed.fulfillmentOrders[0];
    await h.gql(
      `mutation { fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "${fo?.gid}" }] }) { fulfillment { id } userErrors { message } } }`,
    );
    expect(h.sim.control.inventory(SHOP, { sku: 'MUG', locationId: h.paris.id })[0]).toMatchObject({
      available: 8,
      on_hand: 8,
      committed: 0,
    });

    const returnable = data<{
      returnableFulfillments: {
        nodes: {
          returnableFulfillmentLineItems: {
            nodes: { quantity: number; fulfillmentLineItem: { id: string; lineItem: { sku: string } } }[];
          };
        }[];
      };
    }>(
      await h.gql(
        `{ returnableFulfillments(orderId: "${placed.gid}", first: 5) { nodes { returnableFulfillmentLineItems(first: 10) { nodes { quantity fulfillmentLineItem { id lineItem { sku } } } } } } }`,
      ),
    );
    const fli = returnable.returnableFulfillments.nodes[0]?.returnableFulfillmentLineItems.nodes[0];
    expect(fli).toMatchObject({ quantity: 2, fulfillmentLineItem: { lineItem: { sku: 'MUG' } } });

    const tooMany = data<{ returnRequest: { userErrors: { code: string }[] } }>(
      await h.gql(
        `mutation { returnRequest(input: { orderId: "${placed.gid}", returnLineItems: [{ fulfillmentLineItemId: "${fli?.fulfillmentLineItem.id}", quantity: 3 }] }) { return { id } userErrors { field message code } } }`,
      ),
    );
    expect(tooMany.returnRequest.userErrors[0]?.code).toBe('LESS_THAN_OR_EQUAL_TO');

    const requested = data<{ returnRequest: { return: { id: string; status: string } } }>(
      await h.gql(
        `mutation { returnRequest(input: { orderId: "${placed.gid}", returnLineItems: [{ fulfillmentLineItemId: "${fli?.fulfillmentLineItem.id}", quantity: 1, customerNote: "Ébréché" }] }) { return { id status } userErrors { message } } }`,
      ),
    );
    expect(requested.returnRequest.return.status).toBe('REQUESTED');
    const ret = requested.returnRequest.return.id;

    const approved = data<{
      returnApproveRequest: {
        return: {
          status: string;
          reverseFulfillmentOrders: {
            nodes: { id: string; lineItems: { nodes: { id: string; totalQuantity: number }[] } }[];
          };
        };
      };
    }>(
      await h.gql(
        `mutation { returnApproveRequest(input: { id: "${ret}" }) { return { status reverseFulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id totalQuantity } } } } } userErrors { message } } }`,
      ),
    );
    expect(approved.returnApproveRequest.return.status).toBe('OPEN');
    const rfoLine = approved.returnApproveRequest.return.reverseFulfillmentOrders.nodes[0]?.lineItems.nodes[0];
    expect(rfoLine?.totalQuantity).toBe(1);

    const disposed = data<{
      reverseFulfillmentOrderDispose: {
        reverseFulfillmentOrderLineItems: { dispositions: { type: string; quantity: number }[] }[];
      };
    }>(
      await h.gql(
        `mutation { reverseFulfillmentOrderDispose(dispositionInputs: [{ reverseFulfillmentOrderLineItemId: "${rfoLine?.id}", quantity: 1, dispositionType: RESTOCKED, locationId: "${h.paris.gid}" }]) { reverseFulfillmentOrderLineItems { dispositions { type quantity } } userErrors { message } } }`,
      ),
    );
    expect(disposed.reverseFulfillmentOrderDispose.reverseFulfillmentOrderLineItems[0]?.dispositions).toEqual([
      { type: 'RESTOCKED', quantity: 1 },
    ]);
    expect(h.sim.control.inventory(SHOP, { sku: 'MUG', locationId: h.paris.id })[0]).toMatchObject({
      available: 9,
      on_hand: 9,
    });

    const lines = data<{ return: { returnLineItems: { nodes: { id: string }[] } } }>(
      await h.gql(`{ return(id: "${ret}") { returnLineItems(first: 5) { nodes { id } } } }`),
    );
    const processed = data<{ returnProcess: { return: { status: string } } }>(
      await h.gql(
        `mutation { returnProcess(input: { returnId: "${ret}", returnLineItems: [{ id: "${lines.return.returnLineItems.nodes[0]?.id}", quantity: 1 }] }) { return { status } userErrors { message } } }`,
      ),
    );
    expect(processed.returnProcess.return.status).toBe('OPEN');
    const closed = data<{ returnClose: { return: { status: string; order: { returnStatus: string } } } }>(
      await h.gql(
        `mutation { returnClose(id: "${ret}") { return { status order { returnStatus } } userErrors { message } } }`,
      ),
    );
    expect(closed.returnClose.return).toEqual({ status: 'CLOSED', order: { returnStatus: 'RETURNED' } });
  });
});

describe('holds, splits and inventory mutations over Admin GraphQL', () => {
  it('splits, holds part of an FO, and releases only the given hold', async () => {
    const placed = h.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'TSHIRT-BLEU-L', quantity: 3 },
        { sku: 'MUG', quantity: 1 },
      ],
      shippingAddress: address,
    });
    const fo = placed.fulfillmentOrders[0];
    const [shirt, mug] = fo?.lineItems ?? [];
    const split = data<{
      fulfillmentOrderSplit: {
        fulfillmentOrderSplits: {
          fulfillmentOrder: { id: string };
          remainingFulfillmentOrder: { lineItems: { nodes: { totalQuantity: number }[] } };
        }[];
      };
    }>(
      await h.gql(`mutation { fulfillmentOrderSplit(fulfillmentOrderSplits: [{ fulfillmentOrderId: "${fo?.gid}", fulfillmentOrderLineItems: [{ id: "${shirt?.gid}", quantity: 2 }] }]) {
        fulfillmentOrderSplits { fulfillmentOrder { id } remainingFulfillmentOrder { lineItems(first: 5) { nodes { totalQuantity } } } } userErrors { message } } }`),
    );
    expect(split.fulfillmentOrderSplit.fulfillmentOrderSplits[0]?.remainingFulfillmentOrder.lineItems.nodes).toEqual([
      { totalQuantity: 2 },
    ]);

    const hold = data<{
      fulfillmentOrderHold: {
        fulfillmentHold: { id: string; handle: string };
        fulfillmentOrder: { status: string };
        remainingFulfillmentOrder: { id: string; status: string };
      };
    }>(
      await h.gql(`mutation { fulfillmentOrderHold(id: "${fo?.gid}", fulfillmentHold: { reason: INCORRECT_ADDRESS, handle: "addr", fulfillmentOrderLineItems: [{ id: "${mug?.gid}", quantity: 1 }] }) {
        fulfillmentHold { id handle } fulfillmentOrder { status } remainingFulfillmentOrder { id status } userErrors { message code } } }`),
    );
    expect(hold.fulfillmentOrderHold.fulfillmentOrder.status).toBe('ON_HOLD');
    expect(hold.fulfillmentOrderHold.remainingFulfillmentOrder.status).toBe('OPEN');
    const second = data<{ fulfillmentOrderHold: { fulfillmentHold: { id: string } } }>(
      await h.gql(
        `mutation { fulfillmentOrderHold(id: "${fo?.gid}", fulfillmentHold: { reason: OTHER, handle: "fraud-check" }) { fulfillmentHold { id } userErrors { message } } }`,
      ),
    );
    const dup = data<{ fulfillmentOrderHold: { userErrors: { code: string }[] } }>(
      await h.gql(
        `mutation { fulfillmentOrderHold(id: "${fo?.gid}", fulfillmentHold: { reason: OTHER, handle: "addr" }) { userErrors { code } } }`,
      ),
    );
    expect(dup.fulfillmentOrderHold.userErrors[0]?.code).toBe('DUPLICATE_FULFILLMENT_HOLD_HANDLE');
    const release = async (ids: string[]) =>
      data<{
        fulfillmentOrderReleaseHold: { fulfillmentOrder: { status: string; fulfillmentHolds: { handle: string }[] } };
      }>(
        await h.gql(
          `mutation R($id: ID!, $ids: [ID!]) { fulfillmentOrderReleaseHold(id: $id, holdIds: $ids) { fulfillmentOrder { status fulfillmentHolds { handle } } userErrors { message } } }`,
          { id: fo?.gid, ids },
        ),
      ).fulfillmentOrderReleaseHold.fulfillmentOrder;
    expect(await release([hold.fulfillmentOrderHold.fulfillmentHold.id])).toEqual({
      status: 'ON_HOLD',
      fulfillmentHolds: [{ handle: 'fraud-check' }],
    });
    expect(await release([second.fulfillmentOrderHold.fulfillmentHold.id])).toEqual({
      status: 'OPEN',
      fulfillmentHolds: [],
    });
  });

  it('requires @idempotent and changeFromQuantity on inventorySetQuantities and reports stale compare values', async () => {
    const item = h.sim.control.inventory(SHOP, { sku: 'TSHIRT-BLEU-L', locationId: h.paris.id })[0];
    const set = (key: string | null, change: string) =>
      h.gql(`mutation { inventorySetQuantities(input: { name: "available", reason: "correction", referenceDocumentUri: "gid://routing-app/Sync/1",
        quantities: [{ inventoryItemId: "${item?.inventoryItemGid}", locationId: "${h.paris.gid}", quantity: 42${change} }] })${key ? ` @idempotent(key: "${key}")` : ''} {
        inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { field message code } } }`);
    const noKey = await set(null, ', changeFromQuantity: null');
    expect(noKey.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' }, path: ['inventorySetQuantities'] }),
    ]);
    const missing = data<{ inventorySetQuantities: { userErrors: { code: string }[] } }>(await set('k-1', ''));
    expect(missing.inventorySetQuantities.userErrors[0]?.code).toBe('COMPARE_QUANTITY_REQUIRED');
    const stale = data<{ inventorySetQuantities: { userErrors: { code: string }[] } }>(
      await set('k-2', ', changeFromQuantity: 999'),
    );
    expect(stale.inventorySetQuantities.userErrors[0]?.code).toBe('CHANGE_FROM_QUANTITY_STALE');
    const current = item?.available ?? 0;
    const ok = data<{
      inventorySetQuantities: {
        inventoryAdjustmentGroup: { changes: { name: string; delta: number; quantityAfterChange: number }[] };
      };
    }>(await set('k-3', `, changeFromQuantity: ${current}`));
    expect(ok.inventorySetQuantities.inventoryAdjustmentGroup.changes).toContainEqual({
      name: 'available',
      delta: 42 - current,
      quantityAfterChange: 42,
    });
    // a retry with the same key does not apply twice
    data(await set('k-3', `, changeFromQuantity: ${current}`));
    expect(h.sim.control.inventory(SHOP, { sku: 'TSHIRT-BLEU-L', locationId: h.paris.id })[0]?.available).toBe(42);
    const mismatch = data<{ inventorySetQuantities: { userErrors: { code: string }[] } }>(
      await set('k-3', ', changeFromQuantity: null'),
    );
    expect(mismatch.inventorySetQuantities.userErrors[0]?.code).toBe('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
  });
});
