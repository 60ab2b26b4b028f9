import type { FulfillmentEventResult } from '../../integrations/shopify/operations/fulfillment.js';
import { FULFILLMENT_EVENT_CREATE } from '../../integrations/shopify/operations/fulfillment.js';
import { assertNoUserErrors, type ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import type { TrackingEvent } from '../../db/shipments-repo.js';
import type { ScanAudit, ScanMark } from '../../db/tracking-push-queries.js';
import { PUSH_COALESCE_MS, type FulfillmentStepDeps, type ShipmentToPush } from './ensure-fulfillment.js';

const eventStatus = {
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  exception: 'FAILURE',
} as const;

/** A carrier scan as a Shopify fulfillment event on `fulfillmentId` (calls due together share a document). */
export async function sendFulfillmentEvent(
  shopify: ShopifyGraphql,
  shopDomain: string,
  fulfillmentId: string,
  scan: Pick<TrackingEvent, 'status' | 'occurredAt' | 'description' | 'location'>,
): Promise<void> {
  const res = await shopify.request<FulfillmentEventResult>(
    shopDomain,
    FULFILLMENT_EVENT_CREATE,
    {
      e: {
        fulfillmentId,
        status: eventStatus[scan.status],
        happenedAt: scan.occurredAt.toISOString(),
        message: scan.description ?? undefined,
        city: scan.location ?? undefined,
      },
    },
    { coalesceMs: PUSH_COALESCE_MS },
  );
  assertNoUserErrors('fulfillmentEventCreate', res.fulfillmentEventCreate);
}

/** A shipment's scans once its newest went to Shopify: that one pushed, the older ones superseded. */
export function scansPushed(
  s: { shipmentId: number; orderId: number },
  scans: Pick<TrackingEvent, 'id' | 'status'>[],
): { marks: ScanMark[]; audit: ScanAudit } {
  const newest = scans.at(-1)!;
  return {
    marks: scans.map((e) => ({ id: e.id, status: e.id === newest.id ? 'pushed' : 'skipped' })),
    audit: {
      shipmentId: s.shipmentId,
      orderId: s.orderId,
      action: 'tracking_events_pushed',
      data: { shipmentId: s.shipmentId, status: newest.status, superseded: scans.length - 1 },
    },
  };
}

/**
 * Step two of pushing a shipment: its carrier events not yet sent, onto the fulfillment.
 * Shopify shows the newest status, so that one is sent and the older ones are marked superseded.
 */
export async function pushTrackingEvents(
  deps: FulfillmentStepDeps,
  input: ShipmentToPush & { fulfillmentId: string; pending: TrackingEvent[] },
): Promise<{ pushed: number }> {
  const { shop, shipment, order, pending } = input;
  const newest = pending.at(-1);
  if (!newest) return { pushed: 0 };
  await sendFulfillmentEvent(deps.shopify, shop.domain, input.fulfillmentId, newest);
  const pushed = scansPushed({ shipmentId: shipment.id, orderId: order.id }, pending);
  await deps.push.recordScansPushed(shop.id, pushed.marks, [pushed.audit]);
  return { pushed: 1 };
}
