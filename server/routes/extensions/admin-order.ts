import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adminOrderBlockSchema,
  orderGidBody,
  orderGidQuery,
  rerouteResultSchema,
} from '../../../core/contracts/extensions.js';
import type { AppContext } from '../../../core/context.js';
import { adminOrderBlock } from '../../../core/use-cases/extensions/admin-order-block.js';
import { rerouteFromBlock } from '../../../core/use-cases/extensions/reroute-from-block.js';

/** The order-details block: GET what happened to the order, POST to route it again. */
export async function adminOrderBlockRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/order', { schema: { querystring: orderGidQuery, response: { 200: adminOrderBlockSchema } } }, async (req) =>
    adminOrderBlock({ db: ctx.db }, { shopId: req.shop.id, orderExternalId: req.query.id }),
  );

  r.post('/order/reroute', { schema: { body: orderGidBody, response: { 200: rerouteResultSchema } } }, async (req) =>
    rerouteFromBlock(
      { db: ctx.db, queues: ctx.queues },
      { shopId: req.shop.id, orderExternalId: req.body.id, actor: `merchant:${req.shop.domain}:order-block` },
    ),
  );
}
