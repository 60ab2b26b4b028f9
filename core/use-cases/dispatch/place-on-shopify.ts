import { randomUUID } from 'node:crypto';
import { assertNoUserErrors, type ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import { INVENTORY_ACTIVATE, type InventoryActivateResult } from '../../integrations/shopify/operations/inventory.js';
import {
  FO_ACCEPT_REQUEST,
  FO_MOVE,
  FO_SUBMIT_REQUEST,
  ORDER_FULFILLMENT_STATE,
  type FoAcceptResult,
  type FoMoveResult,
  type FoSubmitResult,
  type OrderFulfillmentState,
} from '../../integrations/shopify/operations/fulfillment.js';

/**
 * Placements of one shop due within this window share their Shopify requests (the state query,
 * then the moves): in a flash sale that halves the calls per order for a few tens of
 * milliseconds before the hand-over.
 */
export const PLACEMENT_COALESCE_MS = 40;

export interface PlacementInput {
  shop: string;
  orderExternalId: string;
  locationExternalId: string;
  /** the location belongs to a fulfillment service of ours: request and accept the fulfillment */
  isOurFulfillmentService: boolean;
  /** line item gid → units this allocation ships */
  lines: Map<string, number>;
  /** line item gid → inventory item gid, to start stocking them at the location if Shopify asks */
  inventoryItemOf?: Map<string, string>;
}

export interface Placement {
  fulfillmentOrderIds: string[];
  /** line item gid → the fulfillment order line that now holds it at the location */
  foLines: Record<string, { foId: string; foLineId: string }>;
  moved: number;
  requested: boolean;
  calls: number;
}

/**
 * Puts an allocation's line items on the warehouse's Shopify location: moves the fulfillment
 * orders that hold them (the whole FO when it matches exactly, else the units), and for our
 * own fulfillment-service locations submits and accepts the fulfillment request. Always uses
 * the ids Shopify returns, because a partial move closes the original FO.
 */
export async function placeOnShopify(shopify: ShopifyGraphql, input: PlacementInput): Promise<Placement> {
  let calls = 1;
  const state = await shopify.request<OrderFulfillmentState>(
    input.shop,
    ORDER_FULFILLMENT_STATE,
    { id: input.orderExternalId },
    { coalesceMs: PLACEMENT_COALESCE_MS },
  );
  const fos = (state.order?.fulfillmentOrders.nodes ?? []).filter(
    (f) => f.status === 'OPEN' || f.status === 'SCHEDULED' || f.status === 'IN_PROGRESS',
  );
  const need = new Map(input.lines);
  const out: Placement = { fulfillmentOrderIds: [], foLines: {}, moved: 0, requested: false, calls: 0 };

  for (const fo of fos) {
    const take = fo.lineItems.nodes
      .filter((l) => (need.get(l.lineItem.id) ?? 0) > 0 && l.remainingQuantity > 0)
      .map((l) => ({
        id: l.id,
        lineItemId: l.lineItem.id,
        quantity: Math.min(l.remainingQuantity, need.get(l.lineItem.id)!),
      }));
    if (take.length === 0) continue;
    for (const t of take) need.set(t.lineItemId, need.get(t.lineItemId)! - t.quantity);
    let foId = fo.id;
    let lines = fo.lineItems.nodes;
    if (fo.assignedLocation.location?.id !== input.locationExternalId) {
      const whole = fo.lineItems.nodes.every(
        (l) => l.remainingQuantity === 0 || take.some((t) => t.id === l.id && t.quantity === l.remainingQuantity),
      );
      const move = () =>
        shopify.request<FoMoveResult>(
          input.shop,
          FO_MOVE,
          {
            id: fo.id,
            loc: input.locationExternalId,
            items: whole ? null : take.map(({ id, quantity }) => ({ id, quantity })),
          },
          { coalesceMs: PLACEMENT_COALESCE_MS },
        );
      let res = await move();
      calls++;
      if (res.fulfillmentOrderMove.userErrors.some((e) => /stock/i.test(e.message)) && input.inventoryItemOf) {
        // a new warehouse location stocks nothing yet in Shopify: start stocking these items there, then move
        for (const t of take) {
          const item = input.inventoryItemOf.get(t.lineItemId);
          if (!item) continue;
          const act = await shopify.request<InventoryActivateResult>(input.shop, INVENTORY_ACTIVATE, {
            item,
            loc: input.locationExternalId,
            available: 0,
            key: randomUUID(),
          });
          calls++;
          if (
            act.inventoryActivate.userErrors.length &&
            !act.inventoryActivate.userErrors.every((e) => /already/i.test(e.message))
          )
            assertNoUserErrors('inventoryActivate', act.inventoryActivate);
        }
        res = await move();
        calls++;
      }
      const moved = assertNoUserErrors('fulfillmentOrderMove', res.fulfillmentOrderMove).movedFulfillmentOrder!;
      foId = moved.id;
      lines = moved.lineItems.nodes.map((l) => ({ ...l, totalQuantity: l.remainingQuantity }));
      out.moved++;
    }
    for (const t of take) {
      const held = lines.find((l) => l.lineItem.id === t.lineItemId);
      if (held) out.foLines[t.lineItemId] = { foId, foLineId: held.id };
    }
    if (input.isOurFulfillmentService && fo.requestStatus === 'UNSUBMITTED') {
      const sub = assertNoUserErrors(
        'fulfillmentOrderSubmitFulfillmentRequest',
        (
          await shopify.request<FoSubmitResult>(input.shop, FO_SUBMIT_REQUEST, {
            id: foId,
            message: 'Routed by the app',
          })
        ).fulfillmentOrderSubmitFulfillmentRequest,
      );
      foId = sub.submittedFulfillmentOrder!.id;
      assertNoUserErrors(
        'fulfillmentOrderAcceptFulfillmentRequest',
        (
          await shopify.request<FoAcceptResult>(input.shop, FO_ACCEPT_REQUEST, {
            id: foId,
            message: 'Accepted by the warehouse',
          })
        ).fulfillmentOrderAcceptFulfillmentRequest,
      );
      calls += 2;
      out.requested = true;
    }
    out.fulfillmentOrderIds.push(foId);
    if ([...need.values()].every((q) => q <= 0)) break;
  }
  out.calls = calls;
  return out;
}
