import { gid } from '../../core/ids.js';
import type { SimFulfillmentHold, SimFulfillmentOrder, SimMerchantRequest } from '../../state/types.js';

/** Numeric id of the simulated app (FulfillmentHold.heldByApp, held_by_app). */
export const SIM_APP_ID = 6_000_000_000_001;

interface FoRef {
  id: string;
  status: string;
  request_status?: string;
  assigned_location_id?: string;
}

/** REST words for FulfillmentOrderRequestStatus ("cancellation_request" as in Shopify's examples). */
function requestStatusWord(fo: SimFulfillmentOrder): string {
  return fo.requestStatus === 'CANCELLATION_REQUESTED' ? 'cancellation_request' : fo.requestStatus.toLowerCase();
}

export function foRef(fo: SimFulfillmentOrder, opts: { request?: boolean; location?: boolean } = {}): FoRef {
  const ref: FoRef = { id: gid('FulfillmentOrder', fo.id), status: fo.status.toLowerCase() };
  if (opts.request) ref.request_status = requestStatusWord(fo);
  if (opts.location) ref.assigned_location_id = gid('Location', fo.assignedLocationId);
  return ref;
}

export function holdRef(h: SimFulfillmentHold): Record<string, unknown> {
  return {
    id: gid('FulfillmentHold', h.id),
    reason: h.reason.toLowerCase(),
    reason_notes: h.reasonNotes ?? '',
    held_by_requesting_app: h.heldByApp,
    handle: h.handle,
    held_by_app: { id: gid('App', SIM_APP_ID) },
  };
}

export function requestRef(r: SimMerchantRequest): Record<string, unknown> {
  return { id: gid('FulfillmentOrderMerchantRequest', r.id), message: r.message ?? '' };
}

/** Moved/split/held line items as the payloads list them. */
export function lineRefs(lines: readonly { id: number; quantity: number }[]): { id: string; quantity: number }[] {
  return lines.map((l) => ({ id: gid('FulfillmentOrderLineItem', l.id), quantity: l.quantity }));
}
