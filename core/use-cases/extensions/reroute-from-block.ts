import { createOrdersRepo } from '../../db/orders-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { rerouteOrders, type OrderActionDeps } from '../admin/order-actions.js';
import { canReroute } from './admin-order-block.js';

/** The block's re-route button: the admin app's re-route (fresh), for the Shopify order on screen. */
export async function rerouteFromBlock(
  deps: OrderActionDeps,
  input: { shopId: number; orderExternalId: string; actor: string },
) {
  const order = await createOrdersRepo(deps.db).byExternalId(input.shopId, 'shopify', input.orderExternalId);
  if (!order) throw new NotFoundError('order');
  if (!canReroute(order.status)) throw new ConflictError(`order is ${order.status}`);
  return rerouteOrders(deps, { shopId: input.shopId, orderIds: [order.id], fresh: true, actor: input.actor });
}
