import { gid } from '../../core/ids.js';
import type { SimShop } from '../../state/types.js';
import { moveFulfillmentOrder, splitFulfillmentOrders, type SplitInput } from '../../ops/fo-move-split.js';
import { holdFulfillmentOrder, releaseHold, type HoldInput } from '../../ops/fo-holds.js';
import {
  acceptCancellationRequest,
  acceptFulfillmentRequest,
  cancelFulfillmentOrder,
  rejectCancellationRequest,
  rejectFulfillmentRequest,
  submitCancellationRequest,
  submitFulfillmentRequest,
} from '../../ops/fo-requests.js';
import type { FoLineInput } from '../../ops/fo-common.js';
import {
  createFulfillment,
  createFulfillmentEvent,
  updateTracking,
  type FulfillmentEventInput,
  type FulfillmentInput,
  type TrackingInput,
} from '../../ops/fulfillments.js';
import {
  activateInventory,
  adjustQuantities,
  setQuantities,
  type AdjustQuantitiesInput,
  type SetQuantitiesInput,
} from '../../ops/inventory-mutations.js';
import { createFulfillmentService } from '../../ops/locations.js';
import { cancelOrder } from '../../ops/order-cancel.js';
import type { GqlContext, View } from '../context.js';
import { payload, userErrors, type MutationResolver } from './payload.js';
import { idempotent } from '../idempotency.js';
import { fulfillmentOrderView } from '../views/fulfillment-order-view.js';
import { fulfillmentEventView, fulfillmentView } from '../views/fulfillment-view.js';
import { adjustmentGroupView, inventoryLevelView } from '../views/inventory-view.js';
import { fulfillmentServiceView } from '../views/location-view.js';
import { returnMutations } from './return-mutations.js';
import { bulkMutations } from './bulk-mutations.js';

function foNullable(ctx: GqlContext, shop: SimShop, id: number | null | undefined): View | null {
  if (id === null || id === undefined) return null;
  const fo = shop.fulfillmentOrders.get(id);
  return fo ? fulfillmentOrderView(ctx, fo) : null;
}

const fulfillmentOrderMutations: Record<string, MutationResolver> = {
  fulfillmentOrderMove: (a, ctx) => {
    const r = moveFulfillmentOrder(ctx.core, ctx.shop, {
      id: a.id,
      newLocationId: a.newLocationId,
      lines: a.fulfillmentOrderLineItems as FoLineInput[] | null,
    });
    return payload(
      r,
      (v) => ({
        movedFulfillmentOrder: fulfillmentOrderView(ctx, v.moved),
        originalFulfillmentOrder: fulfillmentOrderView(ctx, v.original),
        remainingFulfillmentOrder: null,
      }),
      ['movedFulfillmentOrder', 'originalFulfillmentOrder', 'remainingFulfillmentOrder'],
    );
  },
  fulfillmentOrderSplit: (a, ctx) => {
    const r = splitFulfillmentOrders(ctx.core, ctx.shop, a.fulfillmentOrderSplits as SplitInput[]);
    return payload(
      r,
      (v) => ({
        fulfillmentOrderSplits: v.map((s) => ({
          fulfillmentOrder: fulfillmentOrderView(ctx, s.fulfillmentOrder),
          remainingFulfillmentOrder: fulfillmentOrderView(ctx, s.remaining),
          replacementFulfillmentOrder: s.replacement ? fulfillmentOrderView(ctx, s.replacement) : null,
        })),
      }),
      ['fulfillmentOrderSplits'],
    );
  },
  fulfillmentOrderHold: (a, ctx) => {
    const r = holdFulfillmentOrder(ctx.core, ctx.shop, a.id, a.fulfillmentHold as HoldInput);
    return payload(
      r,
      (v) => ({
        fulfillmentHold:
          (fulfillmentOrderView(ctx, v.fulfillmentOrder).fulfillmentHolds as View[]).find(
            (h) => h.id === gid('FulfillmentHold', v.hold.id),
          ) ?? null,
        fulfillmentOrder: fulfillmentOrderView(ctx, v.fulfillmentOrder),
        remainingFulfillmentOrder: v.remaining ? fulfillmentOrderView(ctx, v.remaining) : null,
      }),
      ['fulfillmentHold', 'fulfillmentOrder', 'remainingFulfillmentOrder'],
    );
  },
  fulfillmentOrderReleaseHold: (a, ctx) =>
    payload(
      releaseHold(ctx.core, ctx.shop, a.id, a.holdIds as string[] | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderSubmitFulfillmentRequest: (a, ctx) => {
    const r = submitFulfillmentRequest(ctx.core, ctx.shop, {
      id: a.id,
      message: a.message as string | null,
      notifyCustomer: a.notifyCustomer as boolean | null,
      lines: a.fulfillmentOrderLineItems as FoLineInput[] | null,
    });
    return payload(
      r,
      (v) => ({
        originalFulfillmentOrder: fulfillmentOrderView(ctx, v.original),
        submittedFulfillmentOrder: fulfillmentOrderView(ctx, v.submitted),
        unsubmittedFulfillmentOrder: foNullable(ctx, ctx.shop, v.unsubmitted?.id),
      }),
      ['originalFulfillmentOrder', 'submittedFulfillmentOrder', 'unsubmittedFulfillmentOrder'],
    );
  },
  fulfillmentOrderAcceptFulfillmentRequest: (a, ctx) =>
    payload(
      acceptFulfillmentRequest(ctx.core, ctx.shop, a.id, a.message as string | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderRejectFulfillmentRequest: (a, ctx) =>
    payload(
      rejectFulfillmentRequest(ctx.core, ctx.shop, a.id, a.reason as string | null, a.message as string | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderSubmitCancellationRequest: (a, ctx) =>
    payload(
      submitCancellationRequest(ctx.core, ctx.shop, a.id, a.message as string | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderAcceptCancellationRequest: (a, ctx) =>
    payload(
      acceptCancellationRequest(ctx.core, ctx.shop, a.id, a.message as string | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderRejectCancellationRequest: (a, ctx) =>
    payload(
      rejectCancellationRequest(ctx.core, ctx.shop, a.id, a.message as string | null),
      (fo) => ({ fulfillmentOrder: fulfillmentOrderView(ctx, fo) }),
      ['fulfillmentOrder'],
    ),
  fulfillmentOrderCancel: (a, ctx) =>
    payload(
      cancelFulfillmentOrder(ctx.core, ctx.shop, a.id),
      (v) => ({
        fulfillmentOrder: fulfillmentOrderView(ctx, v.fulfillmentOrder),
        replacementFulfillmentOrder: fulfillmentOrderView(ctx, v.replacement),
      }),
      ['fulfillmentOrder', 'replacementFulfillmentOrder'],
    ),
};

const fulfillmentMutations: Record<string, MutationResolver> = {
  fulfillmentServiceCreate: (a, ctx) => {
    const name = String(a.name).trim();
    if (!name) return { fulfillmentService: null, userErrors: [{ field: ['name'], message: "Name can't be blank" }] };
    if ([...ctx.shop.fulfillmentServices.values()].some((fs) => fs.name === name))
      return { fulfillmentService: null, userErrors: [{ field: ['name'], message: 'Name has already been taken' }] };
    const fs = createFulfillmentService(ctx.core, ctx.shop, {
      name,
      callbackUrl: (a.callbackUrl as string | null | undefined) ?? null,
      inventoryManagement: a.inventoryManagement as boolean,
      trackingSupport: a.trackingSupport as boolean,
      requiresShippingMethod: a.requiresShippingMethod as boolean,
      ownedByApp: true,
    });
    return { fulfillmentService: fulfillmentServiceView(ctx, fs), userErrors: [] };
  },
  fulfillmentCreate: (a, ctx) =>
    payload(
      createFulfillment(ctx.core, ctx.shop, a.fulfillment as FulfillmentInput),
      (f) => ({ fulfillment: fulfillmentView(ctx, f) }),
      ['fulfillment'],
    ),
  fulfillmentTrackingInfoUpdate: (a, ctx) =>
    payload(
      updateTracking(
        ctx.core,
        ctx.shop,
        a.fulfillmentId,
        a.trackingInfoInput as TrackingInput,
        a.notifyCustomer as boolean | null,
      ),
      (f) => ({ fulfillment: fulfillmentView(ctx, f) }),
      ['fulfillment'],
    ),
  fulfillmentEventCreate: (a, ctx) =>
    payload(
      createFulfillmentEvent(ctx.core, ctx.shop, a.fulfillmentEvent as FulfillmentEventInput),
      (v) => {
        const e = v.fulfillment.events.find((x) => x.id === v.eventId);
        return { fulfillmentEvent: e ? fulfillmentEventView(e) : null };
      },
      ['fulfillmentEvent'],
    ),
  orderCancel: (a, ctx) => {
    const r = cancelOrder(ctx.core, ctx.shop, {
      orderId: a.orderId,
      reason: String(a.reason),
      restock: a.restock === true,
      refund: a.refund as boolean | null,
      staffNote: a.staffNote as string | null,
    });
    if (!r.ok) return { job: null, orderCancelUserErrors: userErrors(r.errors), userErrors: userErrors(r.errors) };
    return {
      job: { id: gid('Job', ctx.core.ids.next()), done: true, query: null },
      orderCancelUserErrors: [],
      userErrors: [],
    };
  },
};

const inventoryMutations: Record<string, MutationResolver> = {
  inventorySetQuantities: (a, ctx, info) =>
    idempotent(
      ctx,
      info,
      a,
      () => {
        const r = setQuantities(ctx.core, ctx.shop, a.input as SetQuantitiesInput);
        return {
          view: payload(r, (g) => ({ inventoryAdjustmentGroup: adjustmentGroupView(ctx, g) }), [
            'inventoryAdjustmentGroup',
          ]),
          succeeded: r.ok,
        };
      },
      () => ({
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: null,
            message: 'The same idempotency key was used with different parameters.',
            code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          },
        ],
      }),
    ),
  inventoryAdjustQuantities: (a, ctx, info) =>
    idempotent(
      ctx,
      info,
      a,
      () => {
        const r = adjustQuantities(ctx.core, ctx.shop, a.input as AdjustQuantitiesInput);
        return {
          view: payload(r, (g) => ({ inventoryAdjustmentGroup: adjustmentGroupView(ctx, g) }), [
            'inventoryAdjustmentGroup',
          ]),
          succeeded: r.ok,
        };
      },
      () => ({
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: null,
            message: 'The same idempotency key was used with different parameters.',
            code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          },
        ],
      }),
    ),
  inventoryActivate: (a, ctx, info) =>
    idempotent(
      ctx,
      info,
      a,
      () => {
        const r = activateInventory(ctx.core, ctx.shop, a.inventoryItemId, a.locationId, a.available as number | null);
        return {
          view: payload(r, (level) => ({ inventoryLevel: inventoryLevelView(ctx, level) }), ['inventoryLevel']),
          succeeded: r.ok,
        };
      },
      () => ({
        inventoryLevel: null,
        userErrors: [{ field: null, message: 'The same idempotency key was used with different parameters.' }],
      }),
    ),
};

/** Root mutation fields the simulator implements; any other valid field answers "not simulated". */
export const mutationRoot: Record<string, MutationResolver> = {
  ...fulfillmentOrderMutations,
  ...fulfillmentMutations,
  ...inventoryMutations,
  ...returnMutations,
  ...bulkMutations,
};
