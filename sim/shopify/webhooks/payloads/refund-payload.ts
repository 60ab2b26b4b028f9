import { formatMoney } from '../../core/money.js';
import { gid } from '../../core/ids.js';
import type { SimOrder, SimShop } from '../../state/types.js';
import type { SimRefund } from '../../state/order-types.js';
import { moneySet, restTime } from './common.js';

/** refunds/create: one refund of an order, with its refund transaction; `return` names the return it settled, if any. */
export function refundPayload(shop: SimShop, order: SimOrder, refund: SimRefund): Record<string, unknown> {
  const at = restTime(shop, refund.createdAt);
  const unsettled = { amount: '0.00', currency: order.currency };
  return {
    id: refund.id,
    admin_graphql_api_id: gid('Refund', refund.id),
    order_id: order.id,
    created_at: at,
    processed_at: at,
    note: '',
    // the 2026-07 schema types it as a staff id; the simulator has one staff member
    user_id: 1,
    restock: false,
    duties: [],
    total_duties_set: moneySet(0, order.currency),
    order_adjustments: [],
    refund_line_items: [],
    refund_shipping_lines: [],
    return:
      refund.returnId === null ? null : { id: refund.returnId, admin_graphql_api_id: gid('Return', refund.returnId) },
    transactions: [
      {
        id: refund.id,
        admin_graphql_api_id: gid('OrderTransaction', refund.id),
        order_id: order.id,
        parent_id: refund.parentTransactionId,
        amount: formatMoney(refund.amountCents),
        amount_rounding: null,
        currency: order.currency,
        kind: 'refund',
        status: 'success',
        gateway: 'bogus',
        authorization: null,
        created_at: at,
        processed_at: at,
        device_id: null,
        error_code: null,
        location_id: null,
        manual_payment_gateway: false,
        message: 'Bogus Gateway: Forced success',
        payment_id: `c${order.id}.${refund.id}`,
        receipt: {},
        source_name: 'external',
        test: true,
        total_unsettled_set: { shop_money: unsettled, presentment_money: { ...unsettled } },
        user_id: null,
      },
    ],
  };
}
