import type { SimCore } from '../core/sim-core.js';
import { parseId } from '../core/ids.js';
import { applyDeltas, type QuantityDelta } from '../state/inventory.js';
import { findFulfillmentLine } from '../state/returns-state.js';
import type { SimDisposition, SimReverseFulfillmentOrder, SimShop } from '../state/types.js';
import { disposePayload } from '../webhooks/payloads/return-payload.js';
import { fail, ok, type OpResult } from './result.js';

/** One disposition of reverse fulfillment order units. */
export interface DispositionInput {
  reverseFulfillmentOrderLineItemId: unknown;
  quantity: number;
  dispositionType: SimDisposition['type'];
  locationId?: unknown;
}

/** reverseFulfillmentOrderDispose: RESTOCKED units go back to available at the location. */
export function dispose(
  core: SimCore,
  shop: SimShop,
  inputs: readonly DispositionInput[],
): OpResult<{ rfo: SimReverseFulfillmentOrder; lineItemIds: number[] }[]> {
  const touched = new Map<
    number,
    { rfo: SimReverseFulfillmentOrder; made: { lineItemId: number; dispositionId: number }[] }
  >();
  const planned: {
    rfo: SimReverseFulfillmentOrder;
    lineId: number;
    input: DispositionInput;
    locationId: number | null;
  }[] = [];
  for (const [i, d] of inputs.entries()) {
    const field = ['dispositionInputs', String(i)];
    const lineId = parseId(d.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem');
    const rfo = [...shop.reverseFulfillmentOrders.values()].find((r) => r.lineItems.some((l) => l.id === lineId));
    const line = rfo?.lineItems.find((l) => l.id === lineId);
    if (!rfo || !line || lineId === undefined)
      return fail(
        'Reverse fulfillment order line item does not exist.',
        [...field, 'reverseFulfillmentOrderLineItemId'],
        'NOT_FOUND',
      );
    if (rfo.status !== 'OPEN') return fail('Reverse fulfillment order is not open.', field, 'INVALID_STATE');
    const disposed =
      line.dispositions.reduce((s, x) => s + x.quantity, 0) +
      planned.filter((p) => p.lineId === lineId).reduce((s, p) => s + p.input.quantity, 0);
    if (!Number.isInteger(d.quantity) || d.quantity <= 0)
      return fail('Quantity must be greater than 0.', [...field, 'quantity'], 'GREATER_THAN');
    if (d.quantity > line.totalQuantity - disposed)
      return fail(
        `Quantity exceeds the ${line.totalQuantity - disposed} units left to dispose.`,
        [...field, 'quantity'],
        'LESS_THAN_OR_EQUAL_TO',
      );
    const locationId =
      d.locationId === undefined || d.locationId === null ? null : (parseId(d.locationId, 'Location') ?? -1);
    if (locationId !== null && !shop.locations.has(locationId))
      return fail('Location does not exist.', [...field, 'locationId'], 'NOT_FOUND');
    if (d.dispositionType === 'RESTOCKED' && locationId === null)
      return fail('A location is required to restock.', [...field, 'locationId'], 'BLANK');
    planned.push({ rfo, lineId, input: d, locationId });
  }
  const now = core.clock.now();
  const deltas: QuantityDelta[] = [];
  for (const p of planned) {
    const line = p.rfo.lineItems.find((l) => l.id === p.lineId);
    if (!line) continue;
    const disposition: SimDisposition = {
      id: core.ids.next(),
      type: p.input.dispositionType,
      quantity: p.input.quantity,
      locationId: p.locationId,
      createdAt: now,
    };
    line.dispositions.push(disposition);
    const entry = touched.get(p.rfo.id) ?? { rfo: p.rfo, made: [] };
    entry.made.push({ lineItemId: line.id, dispositionId: disposition.id });
    touched.set(p.rfo.id, entry);
    if (p.input.dispositionType === 'RESTOCKED' && p.locationId !== null) {
      const order = shop.orders.get(p.rfo.orderId);
      const found = order ? findFulfillmentLine(shop, order, line.fulfillmentLineItemId) : undefined;
      const li = found && order ? order.lineItems.find((l) => l.id === found.line.lineItemId) : undefined;
      if (li?.inventoryItemId)
        deltas.push({
          inventoryItemId: li.inventoryItemId,
          locationId: p.locationId,
          name: 'available',
          delta: p.input.quantity,
        });
    }
  }
  applyDeltas(core, shop, deltas);
  for (const { rfo, made } of touched.values())
    core.events.emit(shop, 'reverse_fulfillment_orders/dispose', () => disposePayload(rfo, made));
  return ok([...touched.values()].map(({ rfo, made }) => ({ rfo, lineItemIds: made.map((m) => m.lineItemId) })));
}
