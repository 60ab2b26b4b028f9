import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import type { PlaceOrderInput } from '../../sim/shopify/ops/place-order.js';
import type { OrderSnapshot } from '../../sim/shopify/control/snapshots.js';
import type { SimApp } from './sim-app.js';
import type { feedCaller } from './sim-shop-setup.js';
import { waitFor } from './wait.js';

/** The customer in Lyon most end-to-end orders ship to, a short drive from the Lyon warehouse. */
export const LYON_CUSTOMER = {
  firstName: 'Léa',
  lastName: 'Martin',
  address1: '3 rue Neuve',
  city: 'Lyon',
  zip: '69003',
  countryCode: 'FR',
  latitude: 45.76,
  longitude: 4.85,
};

/** The order row the app stored for a Shopify order gid, once ingested. */
export async function ingestedOrder(s: SimApp, shopId: number, gid: string) {
  return waitFor(
    'order ingested',
    async () =>
      (
        await s.t.ctx.db
          .select()
          .from(orders)
          .where(and(eq(orders.shopId, shopId), eq(orders.externalId, gid)))
      )[0],
  );
}

/**
 * The 3PL ships every line of an order's ready allocation through the feed: lease (and
 * acknowledge when asked), then one shipment. `replay` posts the same shipment again.
 */
export async function shipThroughFeed(
  s: SimApp,
  feed: ReturnType<typeof feedCaller>,
  input: {
    domain: string;
    orderId: number;
    shopifyOrderId: number;
    trackingNumber: string;
    idempotencyKey: string;
    acknowledge?: boolean;
  },
) {
  const [a] = await waitFor('allocation ready', async () => {
    const live = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, input.orderId))).filter(
      (x) => x.status === 'ready',
    );
    return live.length ? live : null;
  });
  const leased = (await feed('POST', '/allocations/lease')).json();
  const item = leased.items.find((i: { id: number }) => i.id === a!.id);
  if (input.acknowledge) await feed('POST', `/allocations/${a!.id}/acknowledge`, { leaseToken: leased.leaseToken });
  const body = {
    lines: item.lines.map((l: { lineId: number; quantity: number }) => ({ lineId: l.lineId, quantity: l.quantity })),
    carrier: 'Colissimo',
    trackingNumbers: [input.trackingNumber],
    shippedAt: new Date().toISOString(),
    ...(input.acknowledge ? {} : { leaseToken: leased.leaseToken }),
  };
  const idem = { 'idempotency-key': input.idempotencyKey };
  const res = await feed('POST', `/allocations/${a!.id}/shipments`, body, idem);
  expect(res.statusCode).toBe(201);
  return {
    allocation: a!,
    shipmentId: res.json().shipmentId as number,
    replay: () => feed('POST', `/allocations/${a!.id}/shipments`, body, idem),
  };
}

/** An order placed in the simulator as a checkout would, ingested, then shipped whole by the 3PL. */
export async function placeAndShip(
  s: SimApp,
  feed: ReturnType<typeof feedCaller>,
  input: { domain: string; shopId: number; order: PlaceOrderInput; trackingNumber: string },
): Promise<{ placed: OrderSnapshot; order: typeof orders.$inferSelect }> {
  const placed = s.sim.control.placeOrder(input.domain, input.order);
  const order = await ingestedOrder(s, input.shopId, placed.gid);
  await shipThroughFeed(s, feed, {
    domain: input.domain,
    orderId: order.id,
    shopifyOrderId: placed.id,
    trackingNumber: input.trackingNumber,
    idempotencyKey: `parcel-${placed.id}`,
  });
  await waitFor(
    'fulfilled in Shopify',
    () => s.sim.control.getOrder(input.domain, placed.id).displayFulfillmentStatus === 'FULFILLED',
  );
  return { placed, order };
}
