import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminProductBlockSchema, productGidQuery } from '../../../core/contracts/extensions.js';
import type { AppContext } from '../../../core/context.js';
import { adminProductBlock } from '../../../core/use-cases/extensions/admin-product-block.js';

/** The product-details block: stock and replenishment of the product's SKUs. */
export async function adminProductBlockRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/product',
      { schema: { querystring: productGidQuery, response: { 200: adminProductBlockSchema } } },
      async (req) => adminProductBlock({ db: ctx.db }, { shopId: req.shop.id, productExternalId: req.query.id }),
    );
}
