import type { SimCore } from '../core/sim-core.js';
import type { SimFulfillmentOrder, SimFulfillmentService, SimMerchantRequest, SimShop } from '../state/types.js';
import { foRef, requestRef } from '../webhooks/payloads/fulfillment-order-payload.js';
import {
  carveOut,
  findFo,
  notFound,
  replaceFo,
  selectLines,
  selectsEverything,
  setStatus,
  type FoLineInput,
} from './fo-common.js';
import { fail, ok, type OpResult } from './result.js';

export function serviceOf(shop: SimShop, fo: SimFulfillmentOrder): SimFulfillmentService | undefined {
  const loc = shop.locations.get(fo.assignedLocationId);
  return loc?.fulfillmentServiceId ? shop.fulfillmentServices.get(loc.fulfillmentServiceId) : undefined;
}

function addRequest(
  core: SimCore,
  fo: SimFulfillmentOrder,
  kind: SimMerchantRequest['kind'],
  message: string | null,
  notifyCustomer: boolean | null,
): SimMerchantRequest {
  const req: SimMerchantRequest = {
    id: core.ids.next(),
    kind,
    message,
    requestOptions: kind === 'FULFILLMENT_REQUEST' ? { notify_customer: notifyCustomer ?? false } : null,
    responseData: null,
    sentAt: core.clock.now(),
  };
  fo.merchantRequests.push(req);
  return req;
}

/** fulfillmentOrderSubmitFulfillmentRequest outcome. */
export interface SubmitResult {
  original: SimFulfillmentOrder;
  submitted: SimFulfillmentOrder;
  unsubmitted: SimFulfillmentOrder | null;
}

/**
 * Sends a fulfillment request to the service of the FO's location. A partial request keeps the
 * submitted units on the original FO and moves the rest to a new unsubmitted FO. The service's
 * callback URL gets `{"kind":"FULFILLMENT_REQUEST"}`.
 */
export function submitFulfillmentRequest(
  core: SimCore,
  shop: SimShop,
  input: {
    id: unknown;
    message?: string | null;
    notifyCustomer?: boolean | null;
    lines?: readonly FoLineInput[] | null;
  },
): OpResult<SubmitResult> {
  const fo = findFo(shop, input.id);
  if (!fo) return notFound();
  const service = serviceOf(shop, fo);
  if (!service) return fail('Fulfillment order is not assigned to a fulfillment service location.', ['id']);
  if (fo.status !== 'OPEN')
    return fail(`Cannot request fulfillment for a fulfillment order with status ${fo.status}.`, ['id']);
  if (
    fo.requestStatus !== 'UNSUBMITTED' &&
    fo.requestStatus !== 'REJECTED' &&
    fo.requestStatus !== 'CANCELLATION_ACCEPTED'
  )
    return fail(`Cannot request fulfillment for a fulfillment order with request status ${fo.requestStatus}.`, ['id']);
  const sel = selectLines(fo, input.lines, 'fulfillmentOrderLineItems');
  if (!sel.ok) return sel;
  if (sel.value.length === 0) return fail('No line items left to request.', ['fulfillmentOrderLineItems']);
  const originalBefore = foRef(fo, { request: true });
  let unsubmitted: SimFulfillmentOrder | null = null;
  if (!selectsEverything(fo, sel.value)) {
    const taken = new Map(sel.value.map((s) => [s.line.id, s.quantity]));
    const rest = fo.lineItems.flatMap((line) => {
      const q = line.remainingQuantity - (taken.get(line.id) ?? 0);
      return q > 0 ? [{ line, quantity: q }] : [];
    });
    unsubmitted = carveOut(core, shop, fo, rest, fo.assignedLocationId);
  }
  fo.requestStatus = 'SUBMITTED';
  setStatus(core, fo, 'OPEN');
  const req = addRequest(core, fo, 'FULFILLMENT_REQUEST', input.message ?? null, input.notifyCustomer ?? null);
  const payload = {
    original_fulfillment_order: originalBefore,
    submitted_fulfillment_order: foRef(fo, { request: true }),
    fulfillment_order_merchant_request: requestRef(req),
  };
  core.events.emit(shop, 'fulfillment_orders/fulfillment_request_submitted', () => payload);
  if (service.callbackUrl) core.fulfillmentService.notify(shop, service.callbackUrl, 'FULFILLMENT_REQUEST');
  return ok({ original: fo, submitted: fo, unsubmitted });
}

function respondable(
  shop: SimShop,
  id: unknown,
  expected: SimFulfillmentOrder['requestStatus'],
  what: string,
): OpResult<SimFulfillmentOrder> {
  const fo = findFo(shop, id);
  if (!fo) return notFound();
  const service = serviceOf(shop, fo);
  if (!service || !service.ownedByApp)
    return fail('Fulfillment order is not assigned to a fulfillment service of this app.', ['id']);
  if (fo.requestStatus !== expected)
    return fail(`Cannot ${what}: the fulfillment order's request status is ${fo.requestStatus}.`, ['id']);
  return ok(fo);
}

/** The service accepts a fulfillment request: ACCEPTED, IN_PROGRESS. */
export function acceptFulfillmentRequest(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  message?: string | null,
): OpResult<SimFulfillmentOrder> {
  const r = respondable(shop, id, 'SUBMITTED', 'accept the fulfillment request');
  if (!r.ok) return r;
  const fo = r.value;
  fo.requestStatus = 'ACCEPTED';
  setStatus(core, fo, 'IN_PROGRESS');
  const last = fo.merchantRequests.findLast((m) => m.kind === 'FULFILLMENT_REQUEST');
  if (last) last.responseData = { message: message ?? null };
  const payload = { fulfillment_order: foRef(fo, { request: true }), message: message ?? '' };
  core.events.emit(shop, 'fulfillment_orders/fulfillment_request_accepted', () => payload);
  return ok(fo);
}

/** The service rejects a fulfillment request: REJECTED, the FO stays OPEN. */
export function rejectFulfillmentRequest(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  reason?: string | null,
  message?: string | null,
): OpResult<SimFulfillmentOrder> {
  const r = respondable(shop, id, 'SUBMITTED', 'reject the fulfillment request');
  if (!r.ok) return r;
  const fo = r.value;
  fo.requestStatus = 'REJECTED';
  setStatus(core, fo, 'OPEN');
  const last = fo.merchantRequests.findLast((m) => m.kind === 'FULFILLMENT_REQUEST');
  if (last) last.responseData = { message: message ?? null, reason: reason ?? null };
  const payload = { fulfillment_order: foRef(fo, { request: true }), message: message ?? '' };
  core.events.emit(shop, 'fulfillment_orders/fulfillment_request_rejected', () => payload);
  return ok(fo);
}

/** The merchant asks the service to cancel accepted work. */
export function submitCancellationRequest(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  message?: string | null,
): OpResult<SimFulfillmentOrder> {
  const fo = findFo(shop, id);
  if (!fo) return notFound();
  const service = serviceOf(shop, fo);
  if (!service) return fail('Fulfillment order is not assigned to a fulfillment service location.', ['id']);
  if (fo.requestStatus !== 'ACCEPTED' && fo.requestStatus !== 'CANCELLATION_REJECTED')
    return fail(`Cannot request cancellation: the fulfillment order's request status is ${fo.requestStatus}.`, ['id']);
  fo.requestStatus = 'CANCELLATION_REQUESTED';
  setStatus(core, fo, 'IN_PROGRESS');
  const req = addRequest(core, fo, 'CANCELLATION_REQUEST', message ?? null, null);
  const payload = {
    fulfillment_order: foRef(fo, { request: true }),
    fulfillment_order_merchant_request: requestRef(req),
  };
  core.events.emit(shop, 'fulfillment_orders/cancellation_request_submitted', () => payload);
  if (service.callbackUrl) core.fulfillmentService.notify(shop, service.callbackUrl, 'CANCELLATION_REQUEST');
  return ok(fo);
}

/** fulfillmentOrderAcceptCancellationRequest: the FO closes and a replacement holds the remaining work. */
export function acceptCancellationRequest(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  message?: string | null,
): OpResult<SimFulfillmentOrder> {
  const r = respondable(shop, id, 'CANCELLATION_REQUESTED', 'accept the cancellation request');
  if (!r.ok) return r;
  const fo = r.value;
  fo.requestStatus = 'CANCELLATION_ACCEPTED';
  const last = fo.merchantRequests.findLast((m) => m.kind === 'CANCELLATION_REQUEST');
  if (last) last.responseData = { message: message ?? null };
  if (fo.lineItems.some((l) => l.remainingQuantity > 0)) replaceFo(core, shop, fo);
  else setStatus(core, fo, 'CLOSED');
  const payload = { fulfillment_order: foRef(fo), message: message ?? '' };
  core.events.emit(shop, 'fulfillment_orders/cancellation_request_accepted', () => payload);
  return ok(fo);
}

/** fulfillmentOrderRejectCancellationRequest: the service keeps the work. */
export function rejectCancellationRequest(
  core: SimCore,
  shop: SimShop,
  id: unknown,
  message?: string | null,
): OpResult<SimFulfillmentOrder> {
  const r = respondable(shop, id, 'CANCELLATION_REQUESTED', 'reject the cancellation request');
  if (!r.ok) return r;
  const fo = r.value;
  fo.requestStatus = 'CANCELLATION_REJECTED';
  setStatus(core, fo, 'IN_PROGRESS');
  const last = fo.merchantRequests.findLast((m) => m.kind === 'CANCELLATION_REQUEST');
  if (last) last.responseData = { message: message ?? null };
  const payload = { fulfillment_order: foRef(fo, { request: true }), message: message ?? '' };
  core.events.emit(shop, 'fulfillment_orders/cancellation_request_rejected', () => payload);
  return ok(fo);
}

/** fulfillmentOrderCancel outcome. */
export interface CancelFoResult {
  fulfillmentOrder: SimFulfillmentOrder;
  replacement: SimFulfillmentOrder;
}

/** fulfillmentOrderCancel: for SUBMITTED or CANCELLATION_REQUESTED FOs; closes and replaces. */
export function cancelFulfillmentOrder(core: SimCore, shop: SimShop, id: unknown): OpResult<CancelFoResult> {
  const fo = findFo(shop, id);
  if (!fo) return notFound();
  if (fo.requestStatus !== 'SUBMITTED' && fo.requestStatus !== 'CANCELLATION_REQUESTED')
    return fail(`Fulfillment order cannot be cancelled with request status ${fo.requestStatus}.`, ['id']);
  const replacement = replaceFo(core, shop, fo);
  fo.requestStatus = 'CLOSED';
  setStatus(core, fo, 'CANCELLED');
  const payload = { fulfillment_order: foRef(fo), replacement_fulfillment_order: foRef(replacement) };
  core.events.emit(shop, 'fulfillment_orders/cancelled', () => payload);
  return ok({ fulfillmentOrder: fo, replacement });
}
