import { and, asc, eq, inArray } from 'drizzle-orm';
import { allocationLines, allocations, orderLines, orders, shipmentLines, shipments, trackingEvents } from '../../drizzle/schema/index.js';
import type { Db } from '../db/client.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { NotFoundError } from '../errors.js';
import { assertNoUserErrors, ShopifyUserError, type ShopifyGraphql } from '../integrations/shopify/graphql.js';
import {
  FULFILLMENT_CREATE, FULFILLMENT_EVENT_CREATE, ORDER_FULFILLMENT_STATE, TRACKING_UPDATE,
  type FulfillmentCreateResult, type FulfillmentEventResult, type OrderFulfillmentState, type TrackingUpdateResult,
} from '../integrations/shopify/operations/fulfillment.js';
import type { Logger } from '../logger.js';
import type { CustomerEmailDeps } from './customers/customer-email-deps.js';
import { enqueueCustomerEmail } from './customers/enqueue-customer-email.js';
import { queueEmailJobs } from './customers/queue-email-jobs.js';

export interface PushTrackingDeps {
  db: Db;
  shopify: ShopifyGraphql;
  log: Logger;
  customers: CustomerEmailDeps;
}

const eventStatus = { in_transit: 'IN_TRANSIT', out_for_delivery: 'OUT_FOR_DELIVERY', delivered: 'DELIVERED', exception: 'FAILURE' } as const;

/**
 * Sends a shipment back to Shopify: one fulfillment with the tracking (carrier name Shopify
 * knows, numbers, URLs; the customer notified by Shopify when the shop says so), then every
 * tracking event not yet sent. A retry after a lost answer adopts the fulfillment that already
 * carries our tracking number instead of creating a second one.
 */
export async function pushTracking(deps: PushTrackingDeps, input: { shopId: number; shipmentId: number }) {
  const [row] = await deps.db
    .select({ shipment: shipments, allocation: allocations, order: orders })
    .from(shipments)
    .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
    .innerJoin(orders, eq(orders.id, allocations.orderId))
    .where(and(eq(shipments.shopId, input.shopId), eq(shipments.id, input.shipmentId)));
  if (!row) throw new NotFoundError(`shipment ${input.shipmentId}`);
  const { shipment, allocation, order } = row;
  if (order.channel !== 'shopify') return { status: 'skipped' as const, reason: `channel ${order.channel} is confirmed by its own adapter` };
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const audit = createAuditRepo(deps.db);
  let fulfillmentId = shipment.fulfillmentExternalId;
  // the shipping e-mail's sender is decided once per shipment (usually with the shipment itself):
  // Shopify notifies the customer exactly when the app does not
  const decided = await enqueueCustomerEmail({ db: deps.db, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend }, { shopId: input.shopId, shipmentId: shipment.id, kind: 'shipped' });
  const notifyCustomer = decided.outcome === 'decided' && decided.row.sender === 'shopify';
  if (decided.outcome === 'decided' && decided.created) await queueEmailJobs(deps.customers, [decided.row]);

  if (!fulfillmentId) {
    const shipped = await deps.db
      .select({ lineItemId: orderLines.externalId, quantity: shipmentLines.quantity, foId: allocationLines.foExternalId, foLineId: allocationLines.foLineExternalId })
      .from(shipmentLines)
      .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
      .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
      .where(and(eq(shipmentLines.shopId, input.shopId), eq(shipmentLines.shipmentId, shipment.id)));
    const trackingInfo = { company: shipment.carrier ?? undefined, numbers: shipment.trackingNumbers, urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined };
    // happy path: placement recorded where Shopify holds each line, so one call creates the fulfillment
    if (shipped.length && shipped.every((x) => x.foId && x.foLineId)) {
      const byFoFast = new Map<string, { id: string; quantity: number }[]>();
      for (const x of shipped) byFoFast.set(x.foId!, [...(byFoFast.get(x.foId!) ?? []), { id: x.foLineId!, quantity: x.quantity }]);
      const res = await deps.shopify.request<FulfillmentCreateResult>(shop.domain, FULFILLMENT_CREATE, {
        f: { lineItemsByFulfillmentOrder: [...byFoFast].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems })), trackingInfo, notifyCustomer },
      });
      const f = res.fulfillmentCreate.fulfillment;
      if (f && res.fulfillmentCreate.userErrors.length === 0) {
        fulfillmentId = f.id;
        await audit.record(input.shopId, 'order', String(order.id), 'tracking_pushed', 'fulfill', { shipmentId: shipment.id, fulfillment: f.id, name: f.name, trackingInfo: f.trackingInfo, shopifyStatus: f.status });
      }
      // otherwise Shopify moved things since (a merge, a split, an earlier attempt that did land): look and adopt
    }
  }
  if (!fulfillmentId) {
    const shipped = await deps.db
      .select({ lineItemId: orderLines.externalId, quantity: shipmentLines.quantity })
      .from(shipmentLines)
      .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
      .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
      .where(and(eq(shipmentLines.shopId, input.shopId), eq(shipmentLines.shipmentId, shipment.id)));
    const state = await deps.shopify.request<OrderFulfillmentState>(shop.domain, ORDER_FULFILLMENT_STATE, { id: order.externalId });
    const existing = state.order?.fulfillments.find((f) => f.status !== 'CANCELLED' && f.trackingInfo.some((t) => t.number && shipment.trackingNumbers.includes(t.number)));
    if (existing) {
      fulfillmentId = existing.id;
    } else {
      const need = new Map<string, number>();
      for (const s of shipped) need.set(s.lineItemId, (need.get(s.lineItemId) ?? 0) + s.quantity);
      // every FO in one fulfillment must share a location: prefer the allocation's
      const fos = (state.order?.fulfillmentOrders.nodes ?? [])
        .filter((f) => ['OPEN', 'IN_PROGRESS'].includes(f.status))
        .sort((x, y) => Number(y.assignedLocation.location?.id === allocation.locationExternalId) - Number(x.assignedLocation.location?.id === allocation.locationExternalId));
      const location = fos.find((f) => f.lineItems.nodes.some((l) => (need.get(l.lineItem.id) ?? 0) > 0 && l.remainingQuantity > 0))?.assignedLocation.location?.id;
      const byFo: { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[] = [];
      for (const fo of fos.filter((f) => f.assignedLocation.location?.id === location)) {
        const items = fo.lineItems.nodes
          .filter((l) => (need.get(l.lineItem.id) ?? 0) > 0 && l.remainingQuantity > 0)
          .map((l) => {
            const q = Math.min(l.remainingQuantity, need.get(l.lineItem.id)!);
            need.set(l.lineItem.id, need.get(l.lineItem.id)! - q);
            return { id: l.id, quantity: q };
          });
        if (items.length) byFo.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: items });
      }
      if (byFo.length === 0) {
        await deps.db.update(shipments).set({ pushStatus: 'failed', pushResult: { error: 'no open fulfillment order holds these items' }, updatedAt: new Date() }).where(eq(shipments.id, shipment.id));
        await audit.record(input.shopId, 'order', String(order.id), 'tracking_push_failed', 'fulfill', { shipmentId: shipment.id, error: 'no open fulfillment order holds these items' });
        return { status: 'failed' as const, reason: 'no open fulfillment order holds these items' };
      }
      const trackingInfo = { company: shipment.carrier ?? undefined, numbers: shipment.trackingNumbers, urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined };
      try {
        const res = await deps.shopify.request<FulfillmentCreateResult>(shop.domain, FULFILLMENT_CREATE, {
          f: { lineItemsByFulfillmentOrder: byFo, trackingInfo, notifyCustomer },
        });
        const f = assertNoUserErrors('fulfillmentCreate', res.fulfillmentCreate).fulfillment!;
        fulfillmentId = f.id;
        await audit.record(input.shopId, 'order', String(order.id), 'tracking_pushed', 'fulfill', { shipmentId: shipment.id, fulfillment: f.id, name: f.name, trackingInfo: f.trackingInfo, shopifyStatus: f.status });
      } catch (e) {
        if (e instanceof ShopifyUserError) {
          await deps.db.update(shipments).set({ pushStatus: 'failed', pushResult: { userErrors: e.userErrors }, updatedAt: new Date() }).where(eq(shipments.id, shipment.id));
          await audit.record(input.shopId, 'order', String(order.id), 'tracking_push_failed', 'fulfill', { shipmentId: shipment.id, userErrors: e.userErrors });
        }
        throw e;
      }
    }
  }
  if (!shipment.fulfillmentExternalId) {
    await deps.db.update(shipments).set({ fulfillmentExternalId: fulfillmentId, pushStatus: 'pushed', pushResult: { fulfillmentId }, updatedAt: new Date() }).where(eq(shipments.id, shipment.id));
  }

  if (shipment.fulfillmentExternalId && shipment.pushStatus === 'pending') {
    const res = await deps.shopify.request<TrackingUpdateResult>(shop.domain, TRACKING_UPDATE, {
      id: shipment.fulfillmentExternalId, notify: notifyCustomer,
      t: { company: shipment.carrier ?? undefined, numbers: shipment.trackingNumbers, urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined },
    });
    assertNoUserErrors('fulfillmentTrackingInfoUpdate', res.fulfillmentTrackingInfoUpdate);
    await deps.db.update(shipments).set({ pushStatus: 'pushed', updatedAt: new Date() }).where(eq(shipments.id, shipment.id));
    await audit.record(input.shopId, 'order', String(order.id), 'tracking_updated', 'fulfill', { shipmentId: shipment.id, fulfillment: shipment.fulfillmentExternalId, numbers: shipment.trackingNumbers });
  }

  const pending = await deps.db.select().from(trackingEvents).where(and(eq(trackingEvents.shipmentId, shipment.id), eq(trackingEvents.pushStatus, 'pending'))).orderBy(asc(trackingEvents.occurredAt));
  // Shopify shows the newest status: send that one, and only mark the older ones as superseded
  const newest = pending.at(-1);
  const pushed: number[] = [];
  if (newest) {
    const res = await deps.shopify.request<FulfillmentEventResult>(shop.domain, FULFILLMENT_EVENT_CREATE, {
      e: { fulfillmentId, status: eventStatus[newest.status], happenedAt: newest.occurredAt.toISOString(), message: newest.description ?? undefined, city: newest.location ?? undefined },
    });
    assertNoUserErrors('fulfillmentEventCreate', res.fulfillmentEventCreate);
    pushed.push(newest.id);
    const superseded = pending.slice(0, -1).map((e) => e.id);
    if (superseded.length) await deps.db.update(trackingEvents).set({ pushStatus: 'skipped' }).where(inArray(trackingEvents.id, superseded));
  }
  if (pushed.length) {
    await deps.db.update(trackingEvents).set({ pushStatus: 'pushed' }).where(inArray(trackingEvents.id, pushed));
    await audit.record(input.shopId, 'order', String(order.id), 'tracking_events_pushed', 'fulfill', { shipmentId: shipment.id, status: newest!.status, superseded: pending.length - 1 });
  }
  return { status: 'pushed' as const, fulfillmentId, events: pushed.length };
}
