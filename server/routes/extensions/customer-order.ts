import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { customerOrderStatusSchema, orderGidQuery } from '../../../core/contracts/extensions.js';
import type { AppContext } from '../../../core/context.js';
import { customerOrderStatus } from '../../../core/use-cases/extensions/customer-order-status.js';

/** The order-status block in customer accounts: the signed-in customer's own order only. */
export async function customerOrderStatusRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/order',
      { schema: { querystring: orderGidQuery, response: { 200: customerOrderStatusSchema } } },
      async (req) =>
        customerOrderStatus(
          { db: ctx.db, appUrl: ctx.config.http.appUrl },
          {
            shopId: req.customer.shop.id,
            orderExternalId: req.query.id,
            customerExternalId: req.customer.customerId,
            now: new Date(),
          },
        ),
    );
}
