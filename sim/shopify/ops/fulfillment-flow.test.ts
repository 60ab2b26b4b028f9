import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, TEST_SECRET, type Harness } from '../test-support/harness.js';
import { startReceiver, type Receiver } from '../test-support/receiver.js';

// the platform doc's OrderForRouting with smaller pages: with first: 20 FOs × 100 lines it costs ~6,500 points, over Shopify's 1,000 cap
const ORDER_FOR_ROUTING = `query OrderForRouting($id: ID!) {
  order(id: $id) {
    id legacyResourceId name createdAt updatedAt processedAt cancelledAt cancelReason closed test
    displayFinancialStatus displayFulfillmentStatus returnStatus tags note email
    shippingAddress { name address1 address2 city province provinceCode zip countryCodeV2 latitude longitude phone }
    shippingLines(first: 5) { nodes { title code source carrierIdentifier deliveryCategory } }
    lineItems(first: 50) {
      nodes { id sku name quantity currentQuantity unfulfilledQuantity requiresShipping
        variant { id sku inventoryItem { id tracked } } }
      pageInfo { hasNextPage endCursor }
    }
    fulfillmentOrders(first: 5) {
      nodes { id status requestStatus fulfillAt updatedAt
        assignedLocation { location { id name } }
        deliveryMethod { methodType }
        destination { countryCode zip city }
        supportedActions { action }
        fulfillmentHolds { id handle reason heldByRequestingApp }
        lineItems(first: 20) { nodes { id sku remainingQuantity totalQuantity inventoryItemId lineItem { id } variant { id } } }
      }
    }
    fulfillments { id name status displayStatus trackingInfo { company number url } }
  }
}`;

const LEVEL = `query Level($item: ID!, $loc: ID!) {
  inventoryItem(id: $item) { inventoryLevel(locationId: $loc) {
    quantities(names: ["available", "on_hand", "committed", "incoming", "reserved", "damaged", "safety_stock", "quality_control"]) { name quantity } } }
}`;

interface FoNode {
  id: string;
  status: string;
  requestStatus: string;
  assignedLocation: { location: { id: string; name: string } };
  supportedActions: { action: string }[];
  lineItems: { nodes: { id: string; sku: string; remainingQuantity: number; totalQuantity: number }[] };
}

interface OrderData {
  order: {
    id: string;
    name: string;
    displayFulfillmentStatus: string;
    shippingAddress: { city: string; countryCodeV2: string; latitude: number };
    lineItems: {
      nodes: {
        sku: string;
        quantity: number;
        unfulfilledQuantity: number;
        variant: { inventoryItem: { id: string } };
      }[];
    };
    fulfillmentOrders: { nodes: FoNode[] };
    fulfillments: {
      name: string;
      status: string;
      displayStatus: string;
      trackingInfo: { company: string; number: string; url: string }[];
    }[];
  };
}

let h: Harness;
let app: Receiver;

beforeAll(async () => {
  app = await startReceiver();
  h = await startHarness({ appUrl: app.url });
});
afterAll(async () => {
  await h.close();
  await app.close();
});

async function quantities(itemGid: string, locGid: string): Promise<Record<string, number>> {
  const r = await h.gql(LEVEL, { item: itemGid, loc: locGid });
  const level = (
    r.body.data as { inventoryItem: { inventoryLevel: { quantities: { name: string; quantity: number }[] } } }
  ).inventoryItem.inventoryLevel;
  return Object.fromEntries(level.quantities.map((q) => [q.name, q.quantity]));
}

async function order(id: string): Promise<OrderData['order']> {
  const r = await h.gql(ORDER_FOR_ROUTING, { id });
  expect(r.body.errors).toBeUndefined();
  return (r.body.data as unknown as OrderData).order;
}

describe('fulfillment flow over Admin GraphQL', () => {
  it('routes, moves to a fulfillment service, requests, accepts, fulfils with tracking, and moves stock like Shopify', async () => {
    h.sim.control.setStock(SHOP, { sku: 'TSHIRT-BLEU-M', locationId: h.paris.id, available: 10 });
    h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: h.paris.id, available: 5 });
    h.sim.control.setStock(SHOP, { sku: 'TSHIRT-BLEU-M', locationId: h.lyon.id, available: 4 });

    const placed = h.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'TSHIRT-BLEU-M', quantity: 2 },
        { sku: 'MUG', quantity: 1 },
      ],
      shippingAddress: {
        firstName: 'Léa',
        lastName: 'Martin',
        address1: '3 rue Nationale',
        city: 'Lille',
        zip: '59000',
        countryCode: 'FR',
        latitude: 50.63,
        longitude: 3.06,
      },
      financialStatus: 'paid',
    });
    let o = await order(placed.gid);
    expect(o.shippingAddress).toMatchObject({ city: 'Lille', countryCodeV2: 'FR', latitude: 50.63 });
    expect(o.fulfillmentOrders.nodes).toHaveLength(1);
    const fo = o.fulfillmentOrders.nodes[0] as FoNode;
    expect(fo.assignedLocation.location.name).toBe('Paris');
    expect(fo.supportedActions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['CREATE_FULFILLMENT', 'MOVE', 'HOLD']),
    );
    const shirtItem = (
      o.lineItems.nodes.find((l) => l.sku === 'TSHIRT-BLEU-M') as OrderData['order']['lineItems']['nodes'][number]
    ).variant.inventoryItem.id;
    expect(await quantities(shirtItem, h.paris.gid)).toMatchObject({ available: 8, committed: 2, on_hand: 10 });

    // a 3PL: the app registers itself as a fulfillment service with a callback URL
    const fsRes = await h.gql(
      `mutation { fulfillmentServiceCreate(name: "Entrepôt Robot", callbackUrl: "${app.url}/fs", inventoryManagement: true, trackingSupport: true) {
        fulfillmentService { id serviceName callbackUrl location { id isFulfillmentService } } userErrors { field message } } }`,
    );
    const fs = (
      fsRes.body.data as {
        fulfillmentServiceCreate: { fulfillmentService: { location: { id: string; isFulfillmentService: boolean } } };
      }
    ).fulfillmentServiceCreate.fulfillmentService;
    expect(fs.location.isFulfillmentService).toBe(true);
    const fsLoc = fs.location.id;
    h.sim.control.setStock(SHOP, { sku: 'TSHIRT-BLEU-M', locationId: fsLoc, available: 20 });
    h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: fsLoc, available: 7 });

    const lfm = await h.gql(
      `query L($id: ID!) { fulfillmentOrder(id: $id) { locationsForMove(first: 10) { nodes { movable message location { id name } availableLineItemsCount { count } } } } }`,
      { id: fo.id },
    );
    const candidates = (
      lfm.body.data as {
        fulfillmentOrder: {
          locationsForMove: {
            nodes: { movable: boolean; location: { id: string }; availableLineItemsCount: { count: number } }[];
          };
        };
      }
    ).fulfillmentOrder.locationsForMove.nodes;
    expect(candidates.find((c) => c.location.id === fsLoc)).toMatchObject({
      movable: true,
      availableLineItemsCount: { count: 2 },
    });
    expect(candidates.find((c) => c.location.id === h.lyon.gid)).toMatchObject({
      movable: false,
      availableLineItemsCount: { count: 1 },
    });

    const tooFar = await h.gql(
      `mutation { fulfillmentOrderMove(id: "${fo.id}", newLocationId: "${h.lyon.gid}") { movedFulfillmentOrder { id } userErrors { field message } } }`,
    );
    expect(
      (tooFar.body.data as { fulfillmentOrderMove: { userErrors: { message: string }[] } }).fulfillmentOrderMove
        .userErrors[0]?.message,
    ).toMatch(/No inventory stocked/);

    const move = await h.gql(
      `mutation M($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) {
        movedFulfillmentOrder { id assignedLocation { location { id } } } originalFulfillmentOrder { id status } userErrors { field message } } }`,
      { id: fo.id, loc: fsLoc },
    );
    const moved = (
      move.body.data as {
        fulfillmentOrderMove: {
          movedFulfillmentOrder: { id: string; assignedLocation: { location: { id: string } } };
          userErrors: unknown[];
        };
      }
    ).fulfillmentOrderMove;
    expect(moved.userErrors).toEqual([]);
    expect(moved.movedFulfillmentOrder.assignedLocation.location.id).toBe(fsLoc);
    expect(await quantities(shirtItem, h.paris.gid)).toMatchObject({ available: 10, committed: 0, on_hand: 10 });
    expect(await quantities(shirtItem, fsLoc)).toMatchObject({ available: 18, committed: 2, on_hand: 20 });

    const submit = await h.gql(
      `mutation { fulfillmentOrderSubmitFulfillmentRequest(id: "${moved.movedFulfillmentOrder.id}", message: "Fragile", notifyCustomer: true) {
        submittedFulfillmentOrder { id status requestStatus } unsubmittedFulfillmentOrder { id } userErrors { field message } } }`,
    );
    expect(
      (
        submit.body.data as {
          fulfillmentOrderSubmitFulfillmentRequest: { submittedFulfillmentOrder: { requestStatus: string } };
        }
      ).fulfillmentOrderSubmitFulfillmentRequest.submittedFulfillmentOrder.requestStatus,
    ).toBe('SUBMITTED');

    const [callback] = await app.waitFor((r) => r.path === '/fs/fulfillment_order_notification');
    expect(callback?.body).toBe('{"kind":"FULFILLMENT_REQUEST"}');
    expect(callback?.headers['x-shopify-shop-domain']).toBe(SHOP);
    expect(callback?.headers['x-shopify-hmac-sha256']).toBe(
      createHmac('sha256', TEST_SECRET)
        .update(callback?.body ?? '')
        .digest('base64'),
    );

    const assigned = await h.gql(`{ assignedFulfillmentOrders(first: 10, assignmentStatus: FULFILLMENT_REQUESTED) {
      nodes { id requestStatus order { name } merchantRequests(first: 5, kind: FULFILLMENT_REQUEST) { nodes { message requestOptions } } } } }`);
    const nodes = (
      assigned.body.data as {
        assignedFulfillmentOrders: {
          nodes: { id: string; merchantRequests: { nodes: { message: string; requestOptions: unknown }[] } }[];
        };
      }
    ).assignedFulfillmentOrders.nodes;
    expect(nodes.map((n) => n.id)).toEqual([moved.movedFulfillmentOrder.id]);
    expect(nodes[0]?.merchantRequests.nodes[0]).toEqual({
      message: 'Fragile',
      requestOptions: { notify_customer: true },
    });

    const accept = await h.gql(
      `mutation { fulfillmentOrderAcceptFulfillmentRequest(id: "${moved.movedFulfillmentOrder.id}", message: "OK") { fulfillmentOrder { status requestStatus } userErrors { message } } }`,
    );
    expect(
      (accept.body.data as { fulfillmentOrderAcceptFulfillmentRequest: { fulfillmentOrder: unknown } })
        .fulfillmentOrderAcceptFulfillmentRequest.fulfillmentOrder,
    ).toEqual({ status: 'IN_PROGRESS', requestStatus: 'ACCEPTED' });

    o = await order(placed.gid);
    const foLines = (o.fulfillmentOrders.nodes[0] as FoNode).lineItems.nodes;
    const tooMany = await h.gql(
      `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [
            {
              fulfillmentOrderId: moved.movedFulfillmentOrder.id,
              fulfillmentOrderLineItems: [{ id: foLines[0]?.id, quantity: 9 }],
            },
          ],
        },
      },
    );
    expect(
      (tooMany.body.data as { fulfillmentCreate: { userErrors: { message: string }[] } }).fulfillmentCreate
        .userErrors[0]?.message,
    ).toMatch(/greater than the remaining quantity/);

    const created = await h.gql(
      `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id status name trackingInfo { company number url } } userErrors { field message } } }`,
      {
        f: {
          notifyCustomer: true,
          trackingInfo: { company: 'Colissimo', number: '6A12345678901' },
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: moved.movedFulfillmentOrder.id }],
        },
      },
    );
    const fulfillment = (
      created.body.data as {
        fulfillmentCreate: {
          fulfillment: { id: string; name: string; status: string; trackingInfo: { url: string }[] };
          userErrors: unknown[];
        };
      }
    ).fulfillmentCreate;
    expect(fulfillment.userErrors).toEqual([]);
    expect(fulfillment.fulfillment).toMatchObject({ status: 'SUCCESS', name: `${placed.name}.1` });
    expect(fulfillment.fulfillment.trackingInfo[0]?.url).toBe(
      'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    );

    await h.gql(
      `mutation { fulfillmentEventCreate(fulfillmentEvent: { fulfillmentId: "${fulfillment.fulfillment.id}", status: DELIVERED }) { fulfillmentEvent { status } userErrors { message } } }`,
    );

    o = await order(placed.gid);
    expect(o.displayFulfillmentStatus).toBe('FULFILLED');
    expect(o.lineItems.nodes.every((l) => l.unfulfilledQuantity === 0)).toBe(true);
    expect(o.fulfillments[0]).toMatchObject({
      status: 'SUCCESS',
      displayStatus: 'DELIVERED',
      trackingInfo: [{ company: 'Colissimo', number: '6A12345678901' }],
    });
    expect((o.fulfillmentOrders.nodes[0] as FoNode).status).toBe('CLOSED');
    expect(await quantities(shirtItem, fsLoc)).toMatchObject({ available: 18, committed: 0, on_hand: 18 });

    await h.sim.waitForIdleWebhooks();
    const topics = h.sim
      .webhookLog({ shop: SHOP })
      .filter((d) => d.status === 'delivered')
      .map((d) => d.topic);
    expect(topics).toEqual(
      expect.arrayContaining([
        'orders/create',
        'orders/paid',
        'fulfillment_orders/order_routing_complete',
        'fulfillment_orders/moved',
        'fulfillment_orders/fulfillment_request_submitted',
        'fulfillment_orders/fulfillment_request_accepted',
        'fulfillments/create',
        'fulfillments/update',
        'inventory_levels/update',
      ]),
    );
  });

  it('refuses to fulfil units of a cancelled order and to cancel twice', async () => {
    h.sim.control.setStock(SHOP, { sku: 'TSHIRT-BLEU-S', locationId: h.paris.id, available: 3 });
    const placed = h.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'TSHIRT-BLEU-S', quantity: 1 }],
      shippingAddress: { address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
    const cancel = `mutation { orderCancel(orderId: "${placed.gid}", reason: CUSTOMER, restock: true) { job { done } orderCancelUserErrors { code message } } }`;
    expect((await h.gql(cancel)).body.data).toEqual({
      orderCancel: { job: { done: true }, orderCancelUserErrors: [] },
    });
    expect(
      ((await h.gql(cancel)).body.data as { orderCancel: { orderCancelUserErrors: { code: string }[] } }).orderCancel
        .orderCancelUserErrors[0]?.code,
    ).toBe('INVALID');
    expect(h.sim.control.inventory(SHOP, { sku: 'TSHIRT-BLEU-S', locationId: h.paris.id })[0]).toMatchObject({
      available: 3,
      committed: 0,
    });
    const fo = h.sim.control.getOrder(SHOP, placed.id).fulfillmentOrders[0];
    const r = await h.gql(
      `mutation { fulfillmentCreate(fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "${fo?.gid}" }] }) { fulfillment { id } userErrors { message } } }`,
    );
    expect((r.body.data as { fulfillmentCreate: { userErrors: unknown[] } }).fulfillmentCreate.userErrors).toHaveLength(
      1,
    );
  });
});
