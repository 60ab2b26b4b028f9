import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createAdminAuth } from '../../plugins/admin-auth.js';
import { deadLetterRoutes } from './dead-letters.js';
import { emailRoutes } from './emails.js';
import { orderRoutes } from './orders.js';
import { overviewRoutes } from './overview.js';
import { returnRoutes } from './returns.js';
import { routingRuleRoutes } from './routing-rules.js';
import { shopRoutes } from './shop.js';
import { stockRoutes } from './stock.js';
import { warehouseRoutes } from './warehouses.js';

/** The admin JSON API under /api/admin: every route is authenticated and scoped to one shop. */
export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.decorateRequest('shop', null as never);
  app.addHook('preHandler', createAdminAuth(ctx));
  await app.register(shopRoutes, { ctx });
  await app.register(deadLetterRoutes, { ctx });
  await app.register(overviewRoutes, { ctx });
  await app.register(orderRoutes, { ctx });
  await app.register(warehouseRoutes, { ctx });
  await app.register(routingRuleRoutes, { ctx });
  await app.register(stockRoutes, { ctx });
  await app.register(emailRoutes, { ctx });
  await app.register(returnRoutes, { ctx });
}
