import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, type Harness } from '../test-support/harness.js';
import { findVariantBySku } from './catalog.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const sku of ['TSHIRT-BLEU-M', 'TSHIRT-BLEU-L'])
    h.sim.control.setStock(SHOP, { sku, locationId: h.paris.id, available: 10 });
});
afterAll(async () => {
  await h.close();
});

const address = { address1: '5 rue C', city: 'Rennes', zip: '35000', countryCode: 'FR' };
const RETURN = `id status exchangeLineItems(first: 5) { nodes { id quantity processedQuantity variantId lineItems { id sku quantity } } }`;

function data<T>(r: { body: { data?: unknown; errors?: unknown } }): T {
  expect(r.body.errors).toBeUndefined();
  return r.body.data as T;
}

describe('exchanges over Admin GraphQL', () => {
  it('returnCreate takes exchange lines; returnProcess adds them to the order with a fulfillment order, never more than asked', async () => {
    const placed = h.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'TSHIRT-BLEU-M', quantity: 1 }],
      shippingAddress: address,
    });
    await h.gql(
      `mutation { fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "${placed.fulfillmentOrders[0]?.gid}" }] }) { fulfillment { id } userErrors { message } } }`,
    );
    const fli = data<{
      returnableFulfillments: {
        nodes: { returnableFulfillmentLineItems: { nodes: { fulfillmentLineItem: { id: string } }[] } }[];
      };
    }>(
      await h.gql(
        `{ returnableFulfillments(orderId: "${placed.gid}", first: 5) { nodes { returnableFulfillmentLineItems(first: 10) { nodes { fulfillmentLineItem { id } } } } } }`,
      ),
    ).returnableFulfillments.nodes[0]!.returnableFulfillmentLineItems.nodes[0]!.fulfillmentLineItem.id;
    const large = `gid://shopify/ProductVariant/${findVariantBySku(h.sim.shop(SHOP), 'TSHIRT-BLEU-L')!.id}`;
    const create = (variantId: string) =>
      h.gql(
        `mutation { returnCreate(returnInput: { orderId: "${placed.gid}", returnLineItems: [{ fulfillmentLineItemId: "${fli}", quantity: 1 }], exchangeLineItems: [{ variantId: "${variantId}", quantity: 1 }] }) { return { ${RETURN} } userErrors { field code } } }`,
      );

    const unknown = data<{ returnCreate: { userErrors: { code: string }[] } }>(
      await create('gid://shopify/ProductVariant/999999'),
    );
    expect(unknown.returnCreate.userErrors[0]?.code).toBe('NOT_FOUND');

    type Ret = {
      id: string;
      status: string;
      exchangeLineItems: {
        nodes: {
          id: string;
          quantity: number;
          processedQuantity: number;
          variantId: string;
          lineItems: { sku: string; quantity: number }[];
        }[];
      };
    };
    const made = data<{ returnCreate: { return: Ret } }>(await create(large)).returnCreate.return;
    expect(made.status).toBe('OPEN');
    const ex = made.exchangeLineItems.nodes[0]!;
    expect(ex).toMatchObject({ quantity: 1, processedQuantity: 0, variantId: large, lineItems: [] });

    const process = (quantity: number) =>
      h.gql(
        `mutation { returnProcess(input: { returnId: "${made.id}", exchangeLineItems: [{ id: "${ex.id}", quantity: ${quantity} }] }) { return { ${RETURN} } userErrors { field code } } }`,
      );
    const over = data<{ returnProcess: { userErrors: { code: string }[] } }>(await process(2));
    expect(over.returnProcess.userErrors[0]?.code).toBe('LESS_THAN_OR_EQUAL_TO');

    const done = data<{ returnProcess: { return: Ret } }>(await process(1)).returnProcess.return;
    expect(done.exchangeLineItems.nodes[0]).toMatchObject({
      processedQuantity: 1,
      lineItems: [{ sku: 'TSHIRT-BLEU-L', quantity: 1 }],
    });
    const order = h.sim.control.getOrder(SHOP, placed.id);
    const added = order.lineItems.find((l) => l.sku === 'TSHIRT-BLEU-L')!;
    expect(
      order.fulfillmentOrders.filter(
        (fo) => fo.status === 'OPEN' && fo.lineItems.some((l) => l.lineItemId === added.id),
      ),
    ).toHaveLength(1);
    const again = data<{ returnProcess: { userErrors: { code: string }[] } }>(await process(1));
    expect(again.returnProcess.userErrors[0]?.code).toBe('LESS_THAN_OR_EQUAL_TO');
  });
});
