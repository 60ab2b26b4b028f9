import { dispose, type DispositionInput } from '../../ops/return-dispositions.js';
import { processReturn } from '../../ops/return-processing.js';
import {
  approveReturn,
  closeReturn,
  createReturn,
  declineReturn,
  requestReturn,
  type ReturnLineInput,
} from '../../ops/returns.js';
import { createReverseDelivery } from '../../ops/reverse-deliveries.js';
import type { OpResult } from '../../ops/result.js';
import type { ExchangeLineInput, ExchangeProcessInput } from '../../ops/return-exchanges.js';
import type { SimReturn } from '../../state/order-types.js';
import type { GqlContext, View } from '../context.js';
import { returnView, reverseDeliveryView, rfoLineItemView } from '../views/return-view.js';
import { payload, type MutationResolver } from './payload.js';

interface ReturnInputArg {
  orderId: string;
  returnLineItems: ReturnLineInput[];
  exchangeLineItems?: ExchangeLineInput[] | null;
}

/** Records that the mutation asked Shopify to e-mail the customer, as the real one would then do. */
function noteNotified(
  r: OpResult<SimReturn>,
  step: SimReturn['customerNotified'][number],
  notify: boolean | null | undefined,
): OpResult<SimReturn> {
  if (r.ok && notify && !r.value.customerNotified.includes(step)) r.value.customerNotified.push(step);
  return r;
}

const returnPayload = (ctx: GqlContext) => (r: Parameters<typeof returnView>[1]) => ({ return: returnView(ctx, r) });

/** Return mutations. */
export const returnMutations: Record<string, MutationResolver> = {
  returnRequest: (a, ctx) => {
    const input = a.input as ReturnInputArg;
    return payload(requestReturn(ctx.core, ctx.shop, input), returnPayload(ctx), ['return']);
  },
  returnCreate: (a, ctx) => {
    const input = a.returnInput as ReturnInputArg;
    return payload(createReturn(ctx.core, ctx.shop, input), returnPayload(ctx), ['return']);
  },
  returnApproveRequest: (a, ctx) => {
    const input = a.input as { id: string; notifyCustomer?: boolean | null };
    return payload(
      noteNotified(approveReturn(ctx.core, ctx.shop, input.id), 'approve', input.notifyCustomer),
      returnPayload(ctx),
      ['return'],
    );
  },
  returnDeclineRequest: (a, ctx) => {
    const input = a.input as {
      id: string;
      declineReason: string;
      declineNote?: string | null;
      notifyCustomer?: boolean | null;
    };
    return payload(
      noteNotified(
        declineReturn(ctx.core, ctx.shop, input.id, input.declineReason, input.declineNote),
        'decline',
        input.notifyCustomer,
      ),
      returnPayload(ctx),
      ['return'],
    );
  },
  returnClose: (a, ctx) => payload(closeReturn(ctx.core, ctx.shop, a.id), returnPayload(ctx), ['return']),
  returnProcess: (a, ctx) => {
    const input = a.input as {
      returnId: string;
      notifyCustomer?: boolean | null;
      returnLineItems?: { id: string; quantity: number; dispositions?: DispositionInput[] | null }[] | null;
      exchangeLineItems?: ExchangeProcessInput[] | null;
      financialTransfer?: {
        issueRefund?: {
          orderTransactions: {
            parentId: string;
            transactionAmount: { amount: string | number; currencyCode: string };
          }[];
        } | null;
      } | null;
    };
    const r = processReturn(ctx.core, ctx.shop, {
      returnId: input.returnId,
      returnLineItems: input.returnLineItems ?? null,
      exchangeLineItems: input.exchangeLineItems ?? null,
      refunds: (input.financialTransfer?.issueRefund?.orderTransactions ?? []).map((t) => ({
        parentTransactionId: t.parentId,
        amountCents: Math.round(Number(t.transactionAmount.amount) * 100),
      })),
    });
    return payload(noteNotified(r, 'process', input.notifyCustomer), returnPayload(ctx), ['return']);
  },
  reverseDeliveryCreateWithShipping: (a, ctx) => {
    const r = createReverseDelivery(ctx.core, ctx.shop, {
      reverseFulfillmentOrderId: a.reverseFulfillmentOrderId,
      reverseDeliveryLineItems: a.reverseDeliveryLineItems as {
        reverseFulfillmentOrderLineItemId: string;
        quantity: number;
      }[],
      trackingInput: (a.trackingInput ?? null) as { number?: string | null; url?: string | null } | null,
      labelInput: (a.labelInput ?? null) as { fileUrl: string } | null,
    });
    return payload(r, ({ rfo, delivery }) => ({ reverseDelivery: reverseDeliveryView(ctx, rfo, delivery) }), [
      'reverseDelivery',
    ]);
  },
  reverseFulfillmentOrderDispose: (a, ctx) => {
    const r = dispose(ctx.core, ctx.shop, a.dispositionInputs as DispositionInput[]);
    return payload(
      r,
      (touched) => ({
        reverseFulfillmentOrderLineItems: touched.flatMap(({ rfo, lineItemIds }) => {
          const order = ctx.shop.orders.get(rfo.orderId);
          if (!order) return [];
          return rfo.lineItems
            .filter((l) => lineItemIds.includes(l.id))
            .map((l): View => rfoLineItemView(ctx, order, l));
        }),
      }),
      ['reverseFulfillmentOrderLineItems'],
    );
  },
};
