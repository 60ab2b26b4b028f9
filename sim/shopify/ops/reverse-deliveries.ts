import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import type { SimReverseDelivery, SimReverseFulfillmentOrder, SimShop } from '../state/types.js';
import { fail, ok, type OpResult } from './result.js';

/**
 * reverseDeliveryCreateWithShipping: the merchant's label and tracking for the parcel coming
 * back; an empty line list takes every line of the reverse fulfillment order.
 */
export function createReverseDelivery(
  core: SimCore,
  shop: SimShop,
  input: {
    reverseFulfillmentOrderId: unknown;
    reverseDeliveryLineItems: readonly { reverseFulfillmentOrderLineItemId: unknown; quantity: number }[];
    trackingInput?: { number?: string | null; url?: string | null; company?: string | null } | null;
    labelInput?: { fileUrl: string } | null;
  },
): OpResult<{ rfo: SimReverseFulfillmentOrder; delivery: SimReverseDelivery }> {
  const rfo = shop.reverseFulfillmentOrders.get(
    parseId(input.reverseFulfillmentOrderId, 'ReverseFulfillmentOrder') ?? -1,
  );
  if (!rfo) return fail('Reverse fulfillment order does not exist.', ['reverseFulfillmentOrderId'], 'NOT_FOUND');
  if (rfo.status !== 'OPEN')
    return fail('Reverse fulfillment order is not open.', ['reverseFulfillmentOrderId'], 'INVALID_STATE');
  const wanted =
    input.reverseDeliveryLineItems.length === 0
      ? rfo.lineItems.map((l) => ({ rfoLineItemId: l.id, quantity: l.totalQuantity }))
      : input.reverseDeliveryLineItems.map((l) => ({
          rfoLineItemId: parseId(l.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem') ?? -1,
          quantity: l.quantity,
        }));
  for (const [i, w] of wanted.entries()) {
    const line = rfo.lineItems.find((l) => l.id === w.rfoLineItemId);
    if (!line)
      return fail(
        'Reverse fulfillment order line item does not exist.',
        ['reverseDeliveryLineItems', String(i), 'reverseFulfillmentOrderLineItemId'],
        'NOT_FOUND',
      );
    if (!Number.isInteger(w.quantity) || w.quantity <= 0 || w.quantity > line.totalQuantity)
      return fail('Quantity is invalid.', ['reverseDeliveryLineItems', String(i), 'quantity'], 'INVALID');
  }
  if (input.labelInput && !/^https?:\/\//.test(input.labelInput.fileUrl))
    return fail('Label file URL is invalid.', ['labelInput', 'fileUrl'], 'INVALID');
  const delivery: SimReverseDelivery = {
    id: core.ids.next(),
    lines: wanted.map((w) => ({ id: core.ids.next(), rfoLineItemId: w.rfoLineItemId, quantity: w.quantity })),
    tracking: input.trackingInput
      ? {
          number: input.trackingInput.number ?? null,
          url: input.trackingInput.url ?? null,
          carrierName: input.trackingInput.company ?? null,
        }
      : null,
    labelUrl: input.labelInput?.fileUrl ?? null,
    createdAt: core.clock.now(),
  };
  (rfo.reverseDeliveries ??= []).push(delivery);
  return ok({ rfo, delivery });
}
