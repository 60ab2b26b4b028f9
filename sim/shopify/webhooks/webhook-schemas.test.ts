import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdFulfillmentOrder, releaseHold } from '../ops/fo-holds.js';
import { moveFulfillmentOrder, splitFulfillmentOrders } from '../ops/fo-move-split.js';
import {
  acceptCancellationRequest,
  acceptFulfillmentRequest,
  cancelFulfillmentOrder,
  rejectCancellationRequest,
  rejectFulfillmentRequest,
  submitCancellationRequest,
  submitFulfillmentRequest,
} from '../ops/fo-requests.js';
import { createFulfillment, updateTracking } from '../ops/fulfillments.js';
import { createFulfillmentService } from '../ops/locations.js';
import type { OpResult } from '../ops/result.js';
import { dispose } from '../ops/return-dispositions.js';
import { processReturn } from '../ops/return-processing.js';
import { approveReturn, closeReturn, declineReturn, requestReturn } from '../ops/returns.js';
import { startHarness, SHOP, type Harness } from '../test-support/harness.js';
import { startReceiver, type Receiver } from '../test-support/receiver.js';
import { createWebhookValidator } from '../test-support/webhook-validator.js';
import { EMITTED_TOPICS } from './emitted-topics.js';

function must<T>(r: OpResult<T>): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

let h: Harness;
let app: Receiver;

beforeAll(async () => {
  app = await startReceiver();
  h = await startHarness({
    appUrl: app.url,
    subscriptions: EMITTED_TOPICS.map((topic) => ({
      topic,
      uri: '/webhooks',
      name: null,
      includeFields: null,
      filter: null,
      compliance: topic.startsWith('customers/') || topic === 'shop/redact',
    })),
  });
});
afterAll(async () => {
  await h.close();
  await app.close();
});

/** Drives the simulator through every state change it knows, so every topic fires at least once. */
async function everyTopicScenario(): Promise<void> {
  const { sim } = h;
  const core = sim.core;
  const shop = sim.shop(SHOP);
  const c = sim.control;
  const addr = {
    firstName: 'Inès',
    lastName: 'Petit',
    address1: '8 rue Pasteur',
    city: 'Nantes',
    zip: '44000',
    countryCode: 'FR',
    latitude: 47.22,
    longitude: -1.55,
    phone: '+33 6 11 22 33 44',
  };

  // the catalogue: a product created, a variant's SKU and cost changed, the product deleted
  c.addProducts(SHOP, [
    { title: 'Bol', vendor: 'Atelier', variants: [{ sku: 'BOL-1', price: '12.00', unitCost: '4.00' }] },
  ]);
  c.updateVariant(SHOP, 'BOL-1', { sku: 'BOL-01', price: '13.00', unitCost: '4.50' });
  c.deleteProduct(SHOP, 'BOL-01');

  const spare = c.createLocation(SHOP, {
    name: 'Bordeaux',
    address: { address1: '4 quai X', city: 'Bordeaux', zip: '33000', countryCode: 'FR' },
  });
  c.updateLocation(SHOP, spare.id, { name: 'Bordeaux Lac', isActive: false });
  c.updateLocation(SHOP, spare.id, { isActive: true });
  c.deleteLocation(SHOP, spare.id);

  for (const sku of ['TSHIRT-BLEU-S', 'TSHIRT-BLEU-M', 'TSHIRT-BLEU-L', 'MUG']) {
    c.setStock(SHOP, { sku, locationId: h.paris.id, available: 50 });
    c.setStock(SHOP, { sku, locationId: h.lyon.id, available: 50 });
  }
  const fs = createFulfillmentService(core, shop, { name: 'Robot 3PL', callbackUrl: `${app.url}/fs` });
  for (const sku of ['TSHIRT-BLEU-M', 'MUG']) c.setStock(SHOP, { sku, locationId: fs.locationId, available: 30 });

  // merchant-managed: split, hold, release, move, fulfil partially then fully, tracking update
  const o1 = c.placeOrder(SHOP, {
    lines: [
      { sku: 'TSHIRT-BLEU-S', quantity: 3 },
      { sku: 'MUG', quantity: 1 },
    ],
    shippingAddress: addr,
    financialStatus: 'paid',
  });
  const fo1 = o1.fulfillmentOrders[0];
  if (!fo1) throw new Error('no FO');
  const split = must(
    splitFulfillmentOrders(core, shop, [
      { fulfillmentOrderId: fo1.gid, fulfillmentOrderLineItems: [{ id: fo1.lineItems[0]?.gid ?? '', quantity: 1 }] },
    ]),
  )[0];
  const held = must(
    holdFulfillmentOrder(core, shop, fo1.gid, { reason: 'AWAITING_PAYMENT', handle: 'check', reasonNotes: 'waiting' }),
  );
  must(releaseHold(core, shop, fo1.gid, [`gid://shopify/FulfillmentHold/${held.hold.id}`]));
  must(moveFulfillmentOrder(core, shop, { id: split?.remaining.id, newLocationId: h.lyon.gid }));
  const after = c.getOrder(SHOP, o1.id);
  const parisFo = after.fulfillmentOrders.find((f) => f.locationId === h.paris.id && f.status === 'OPEN');
  if (!parisFo) throw new Error('no Paris FO');
  const f1 = must(
    createFulfillment(core, shop, {
      lineItemsByFulfillmentOrder: [
        {
          fulfillmentOrderId: parisFo.gid,
          fulfillmentOrderLineItems: [{ id: parisFo.lineItems[0]?.gid ?? '', quantity: 1 }],
        },
      ],
      trackingInfo: { company: 'Colissimo', number: '6A00000000001' },
    }),
  );
  must(updateTracking(core, shop, f1.id, { company: 'Chronopost', number: 'XY123456789FR' }));
  for (const fo of c
    .getOrder(SHOP, o1.id)
    .fulfillmentOrders.filter((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS')) {
    must(
      createFulfillment(core, shop, {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.gid }],
        trackingInfo: { company: 'DHL', number: `JJD${fo.id}` },
      }),
    );
  }

  // fulfillment service: request, reject, request, accept, cancellation rejected then accepted, cancel a new request
  const o2 = c.placeOrder(SHOP, {
    lines: [{ sku: 'TSHIRT-BLEU-M', quantity: 1 }],
    shippingAddress: addr,
    locationId: fs.locationId,
    financialStatus: 'paid',
  });
  const fo2 = o2.fulfillmentOrders[0]?.gid;
  must(submitFulfillmentRequest(core, shop, { id: fo2, message: 'Fragile' }));
  must(rejectFulfillmentRequest(core, shop, fo2, 'INVENTORY_OUT_OF_STOCK', 'Rupture'));
  must(submitFulfillmentRequest(core, shop, { id: fo2, message: 'Retry' }));
  must(acceptFulfillmentRequest(core, shop, fo2, 'OK'));
  must(submitCancellationRequest(core, shop, fo2, 'Client annule'));
  must(rejectCancellationRequest(core, shop, fo2, 'Déjà expédié'));
  must(submitCancellationRequest(core, shop, fo2, 'Client annule vraiment'));
  must(acceptCancellationRequest(core, shop, fo2, 'Annulé'));
  const replacement = c.getOrder(SHOP, o2.id).fulfillmentOrders.find((f) => f.status === 'OPEN');
  must(submitFulfillmentRequest(core, shop, { id: replacement?.gid }));
  must(cancelFulfillmentOrder(core, shop, replacement?.gid));

  // edit, cancel
  const o3 = c.placeOrder(SHOP, {
    lines: [{ sku: 'TSHIRT-BLEU-L', quantity: 2 }],
    shippingAddress: addr,
    financialStatus: 'pending',
  });
  c.editOrder(SHOP, o3.id, {
    setQuantities: [{ lineItemId: o3.lineItems[0]?.id ?? 0, quantity: 1 }],
    addLines: [{ sku: 'MUG', quantity: 1 }],
  });
  c.cancelOrder(SHOP, o3.id, { reason: 'CUSTOMER', restock: true });

  // returns: request + decline, request + approve, dispose, process, close
  const fl = c.getOrder(SHOP, o1.id).fulfillments[0]?.lineItems[0];
  const r1 = must(
    requestReturn(core, shop, { orderId: o1.gid, returnLineItems: [{ fulfillmentLineItemId: fl?.gid, quantity: 1 }] }),
  );
  must(declineReturn(core, shop, r1.id, 'RETURN_PERIOD_ENDED', 'Trop tard'));
  const r2 = must(
    requestReturn(core, shop, {
      orderId: o1.gid,
      returnLineItems: [{ fulfillmentLineItemId: fl?.gid, quantity: 1, customerNote: 'Trop petit' }],
    }),
  );
  must(approveReturn(core, shop, r2.id));
  const rfo = shop.reverseFulfillmentOrders.get(r2.reverseFulfillmentOrderIds[0] ?? -1);
  must(
    dispose(core, shop, [
      {
        reverseFulfillmentOrderLineItemId: rfo?.lineItems[0]?.id,
        quantity: 1,
        dispositionType: 'RESTOCKED',
        locationId: h.paris.gid,
      },
    ]),
  );
  must(
    processReturn(core, shop, {
      returnId: r2.id,
      returnLineItems: [{ id: r2.lineItems[0]?.id, quantity: 1 }],
      refunds: [{ parentTransactionId: o1.id * 10 + 1, amountCents: 100 }],
    }),
  );
  must(closeReturn(core, shop, r2.id));

  // bulk operation through the API
  const bulk = await h.gql(
    'mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id name } } } }", groupObjects: false) { bulkOperation { id } userErrors { message } } }',
  );
  expect(bulk.body.errors).toBeUndefined();

  // compliance and uninstall
  c.fireCompliance(SHOP, 'customers/data_request', {});
  c.fireCompliance(SHOP, 'customers/redact', {});
  c.uninstallApp(SHOP);
  c.fireCompliance(SHOP, 'shop/redact');
  await sim.waitForIdleWebhooks();
}

describe('webhook payloads', () => {
  it('every topic the simulator emits validates against shopify-webhook-schemas 2026-07', async () => {
    await everyTopicScenario();
    const validate = createWebhookValidator('2026-07');
    const log = h.sim.webhookLog({ kind: 'webhook' });
    const emitted = new Set(log.map((d) => d.topic));
    expect([...EMITTED_TOPICS].filter((t) => !emitted.has(t))).toEqual([]);
    const problems = log.flatMap((d) => validate(d.topic, JSON.parse(d.body)));
    expect(problems).toEqual([]);
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    // the app received them with Shopify's headers
    const got = app.received.filter((r) => r.path === '/webhooks');
    expect(got.length).toBe(log.length);
    for (const r of got) {
      expect(r.headers['x-shopify-api-version']).toBe('2026-07');
      expect(r.headers['x-shopify-shop-domain']).toBe(SHOP);
      expect(r.headers['x-shopify-webhook-id']).toBeTruthy();
      expect(r.headers['x-shopify-event-id']).toBeTruthy();
      expect(r.headers['x-shopify-triggered-at']).toBeTruthy();
    }
  });
});
