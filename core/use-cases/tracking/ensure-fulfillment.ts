import type { AuditRepo } from '../../db/audit-repo.js';
import type { OrderRow } from '../../db/orders-repo.js';
import type { ShippedLine, Shipment, ShipmentsRepo } from '../../db/shipments-repo.js';
import type { Shop } from '../../db/shops-repo.js';
import type { ShipmentPushView, TrackingPushQueries } from '../../db/tracking-push-queries.js';
import { assertNoUserErrors, ShopifyUserError, type ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import {
  FULFILLMENT_CREATE,
  ORDER_FULFILLMENT_STATE,
  TRACKING_UPDATE,
  type FulfillmentCreateResult,
  type OrderFulfillmentState,
  type TrackingUpdateResult,
} from '../../integrations/shopify/operations/fulfillment.js';

/**
 * Pushes of one shop due within this window share one Shopify request: a 3PL hands over its
 * parcels in waves, so most fulfillments and scans then cost a fraction of a call each, for a
 * delay well inside the few seconds a shipment may take to reach Shopify.
 */
export const PUSH_COALESCE_MS = 200;

export interface FulfillmentStepDeps {
  shopify: ShopifyGraphql;
  shipments: ShipmentsRepo;
  audit: AuditRepo;
  push: TrackingPushQueries;
  /** how long a call waits for others to share its request; a run that pushes many at once needs only a moment */
  coalesceMs?: number;
}

export interface ShipmentToPush {
  shop: Shop;
  shipment: Shipment;
  allocation: ShipmentPushView['allocation'];
  order: OrderRow;
  /** the shipped units as Shopify knows them, read with the shipment */
  shipped: ShippedLine[];
}

export type EnsureFulfillmentResult = { ok: true; fulfillmentId: string } | { ok: false; reason: string };

/**
 * Step one of pushing a shipment: the Shopify fulfillment that carries its tracking. Created
 * (in one call when placement recorded where Shopify holds each line), or adopted when an
 * earlier attempt landed and its answer was lost; an existing one gets a changed tracking.
 */
/** `notifyCustomer`: whether Shopify e-mails the customer, decided with the customer e-mail outbox (never both, never neither) */
export async function ensureFulfillment(
  deps: FulfillmentStepDeps,
  input: ShipmentToPush & { notifyCustomer: boolean },
): Promise<EnsureFulfillmentResult> {
  const { shop, shipment, allocation, order, notifyCustomer, shipped } = input;
  let fulfillmentId = shipment.fulfillmentExternalId;
  const record = (id: string, audit: Record<string, unknown>) =>
    deps.push.recordFulfillment(
      { shopId: shop.id, orderId: order.id, shipmentId: shipment.id, fulfillmentId: id },
      audit,
    );

  if (!fulfillmentId) {
    const trackingInfo = {
      company: shipment.carrier ?? undefined,
      numbers: shipment.trackingNumbers,
      urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined,
    };
    // happy path: placement recorded where Shopify holds each line, so one call creates the fulfillment
    if (shipped.length && shipped.every((x) => x.foId && x.foLineId)) {
      const byFoFast = new Map<string, { id: string; quantity: number }[]>();
      for (const x of shipped)
        byFoFast.set(x.foId!, [...(byFoFast.get(x.foId!) ?? []), { id: x.foLineId!, quantity: x.quantity }]);
      const res = await deps.shopify.request<FulfillmentCreateResult>(
        shop.domain,
        FULFILLMENT_CREATE,
        {
          f: {
            lineItemsByFulfillmentOrder: [...byFoFast].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({
              fulfillmentOrderId,
              fulfillmentOrderLineItems,
            })),
            trackingInfo,
            notifyCustomer,
          },
        },
        { coalesceMs: deps.coalesceMs ?? PUSH_COALESCE_MS },
      );
      const f = res.fulfillmentCreate.fulfillment;
      if (f && res.fulfillmentCreate.userErrors.length === 0) {
        fulfillmentId = f.id;
        await record(f.id, {
          shipmentId: shipment.id,
          fulfillment: f.id,
          name: f.name,
          trackingInfo: f.trackingInfo,
          shopifyStatus: f.status,
        });
      }
      // otherwise Shopify moved things since (a merge, a split, an earlier attempt that did land): look and adopt
    }
  }
  if (!fulfillmentId) {
    const state = await deps.shopify.request<OrderFulfillmentState>(shop.domain, ORDER_FULFILLMENT_STATE, {
      id: order.channelOrderExternalId ?? order.externalId,
    });
    const existing = state.order?.fulfillments.find(
      (f) =>
        f.status !== 'CANCELLED' && f.trackingInfo.some((t) => t.number && shipment.trackingNumbers.includes(t.number)),
    );
    if (existing) {
      fulfillmentId = existing.id;
      await deps.shipments.markFulfilled(shipment.id, existing.id);
    } else {
      const need = new Map<string, number>();
      for (const s of shipped) need.set(s.lineItemId, (need.get(s.lineItemId) ?? 0) + s.quantity);
      // every FO in one fulfillment must share a location: prefer the allocation's
      const fos = (state.order?.fulfillmentOrders.nodes ?? [])
        .filter((f) => ['OPEN', 'IN_PROGRESS'].includes(f.status))
        .sort(
          (x, y) =>
            Number(y.assignedLocation.location?.id === allocation.locationExternalId) -
            Number(x.assignedLocation.location?.id === allocation.locationExternalId),
        );
      const location = fos.find((f) =>
        f.lineItems.nodes.some((l) => (need.get(l.lineItem.id) ?? 0) > 0 && l.remainingQuantity > 0),
      )?.assignedLocation.location?.id;
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
        await deps.shipments.markPushFailed(shipment.id, { error: 'no open fulfillment order holds these items' });
        await deps.audit.record(shop.id, 'order', String(order.id), 'tracking_push_failed', 'fulfill', {
          shipmentId: shipment.id,
          error: 'no open fulfillment order holds these items',
        });
        return { ok: false, reason: 'no open fulfillment order holds these items' };
      }
      const trackingInfo = {
        company: shipment.carrier ?? undefined,
        numbers: shipment.trackingNumbers,
        urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined,
      };
      try {
        const res = await deps.shopify.request<FulfillmentCreateResult>(shop.domain, FULFILLMENT_CREATE, {
          f: { lineItemsByFulfillmentOrder: byFo, trackingInfo, notifyCustomer },
        });
        const f = assertNoUserErrors('fulfillmentCreate', res.fulfillmentCreate).fulfillment!;
        fulfillmentId = f.id;
        await record(f.id, {
          shipmentId: shipment.id,
          fulfillment: f.id,
          name: f.name,
          trackingInfo: f.trackingInfo,
          shopifyStatus: f.status,
        });
      } catch (e) {
        if (e instanceof ShopifyUserError) {
          await deps.shipments.markPushFailed(shipment.id, { userErrors: e.userErrors });
          await deps.audit.record(shop.id, 'order', String(order.id), 'tracking_push_failed', 'fulfill', {
            shipmentId: shipment.id,
            userErrors: e.userErrors,
          });
        }
        throw e;
      }
    }
  }
  if (shipment.fulfillmentExternalId && shipment.pushStatus === 'pending') {
    const res = await deps.shopify.request<TrackingUpdateResult>(shop.domain, TRACKING_UPDATE, {
      id: shipment.fulfillmentExternalId,
      notify: notifyCustomer,
      t: {
        company: shipment.carrier ?? undefined,
        numbers: shipment.trackingNumbers,
        urls: shipment.trackingUrls.length ? shipment.trackingUrls : undefined,
      },
    });
    assertNoUserErrors('fulfillmentTrackingInfoUpdate', res.fulfillmentTrackingInfoUpdate);
    await deps.shipments.markTrackingPushed(shipment.id);
    await deps.audit.record(shop.id, 'order', String(order.id), 'tracking_updated', 'fulfill', {
      shipmentId: shipment.id,
      fulfillment: shipment.fulfillmentExternalId,
      numbers: shipment.trackingNumbers,
    });
  }
  return { ok: true, fulfillmentId };
}
