import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import { isFoActive, orderFulfillmentOrders } from '../state/order-status.js';
import type { SimOrder, SimShop } from '../state/types.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import { fail, ok, type OpResult } from './result.js';

/** orderCancel arguments. */
export interface CancelOrderInput {
  orderId: unknown;
  reason: string;
  restock: boolean;
  refund?: boolean | null;
  staffNote?: string | null;
}

/**
 * Cancels an order. Refused when it is already cancelled, has active fulfillments, or has work
 * accepted by a fulfillment service (send a cancellation request first). Open FOs are cancelled;
 * committed stock goes back to available with restock, or leaves on hand without it.
 */
export function cancelOrder(core: SimCore, shop: SimShop, input: CancelOrderInput): OpResult<SimOrder> {
  const id = parseId(input.orderId, 'Order');
  const order = id === undefined ? undefined : shop.orders.get(id);
  if (!order) return fail('Order does not exist', ['orderId'], 'NOT_FOUND');
  if (order.cancelledAt !== null)
    return fail('Cannot cancel an order that has already been cancelled', ['orderId'], 'INVALID');
  if (order.fulfillmentIds.some((fid) => shop.fulfillments.get(fid)?.status === 'SUCCESS'))
    return fail('Cannot cancel an order with fulfillments; cancel the fulfillments first', ['orderId'], 'INVALID');
  const fos = orderFulfillmentOrders(shop, order).filter(isFoActive);
  if (
    fos.some(
      (fo) =>
        fo.requestStatus === 'ACCEPTED' ||
        fo.requestStatus === 'CANCELLATION_REQUESTED' ||
        fo.requestStatus === 'CANCELLATION_REJECTED',
    )
  )
    return fail(
      'Cannot cancel an order while a fulfillment service is working on it; submit a cancellation request first',
      ['orderId'],
      'INVALID',
    );
  if (
    order.returnIds.some((rid) => {
      const r = shop.returns.get(rid);
      return r?.status === 'OPEN' || r?.status === 'REQUESTED';
    })
  )
    return fail('Cannot cancel an order with active returns', ['orderId'], 'INVALID');
  const now = core.clock.now();
  const deltas: QuantityDelta[] = [];
  for (const fo of fos) {
    for (const l of fo.lineItems) {
      if (l.remainingQuantity === 0) continue;
      const li = order.lineItems.find((x) => x.id === l.lineItemId);
      if (li?.inventoryItemId) {
        deltas.push({
          inventoryItemId: li.inventoryItemId,
          locationId: fo.assignedLocationId,
          name: 'committed',
          delta: -l.remainingQuantity,
        });
        if (input.restock)
          deltas.push({
            inventoryItemId: li.inventoryItemId,
            locationId: fo.assignedLocationId,
            name: 'available',
            delta: l.remainingQuantity,
          });
      }
      l.remainingQuantity = 0;
    }
    fo.status = 'CANCELLED';
    if (fo.requestStatus === 'SUBMITTED') fo.requestStatus = 'CLOSED';
    fo.updatedAt = now;
  }
  for (const li of order.lineItems) li.currentQuantity = 0;
  order.cancelledAt = now;
  order.cancelReason = input.reason.toLowerCase();
  order.closedAt = now;
  order.updatedAt = now;
  if (order.financialStatus === 'paid' && input.refund !== false) order.financialStatus = 'refunded';
  else if (order.financialStatus === 'pending' || order.financialStatus === 'authorized')
    order.financialStatus = 'voided';
  applyDeltas(core, shop, deltas);
  core.events.emit(shop, 'orders/cancelled', () => orderPayload(shop, order));
  core.events.emit(shop, 'orders/updated', () => orderPayload(shop, order));
  return ok(order);
}
