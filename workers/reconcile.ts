import { answerFulfillmentRequests } from '../core/use-cases/answer-fulfillment-requests.js';
import { importShop } from '../core/use-cases/import-shop.js';
import { reconcileCatalog } from '../core/use-cases/reconcile-catalog.js';
import { reconcileOrders } from '../core/use-cases/reconcile-orders.js';
import type { ProcessorDef } from './run-worker.js';

/** Per-shop Shopify synchronisation: the initial import, the periodic order and the daily catalogue reconciliation. */
export const reconcileProcessor: ProcessorDef<'reconcile'> = {
  concurrency: 4,
  async process(ctx, payload) {
    const deps = { db: ctx.db, shopify: ctx.shopify, queues: ctx.queues, log: ctx.log };
    switch (payload.kind) {
      case 'import':
        return importShop(deps, { shopId: payload.shopId });
      case 'catalog':
        return reconcileCatalog(deps, { shopId: payload.shopId });
      case 'fulfillment-requests':
        return answerFulfillmentRequests(deps, { shopId: payload.shopId });
      default:
        return reconcileOrders(deps, { shopId: payload.shopId });
    }
  },
};
