import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createAdminAuth } from '../../plugins/admin-auth.js';
import { errorBody } from '../../plugins/error-handler.js';
import { deadLetterRoutes } from './dead-letters.js';
import { orderRoutes } from './orders.js';
import { overviewRoutes } from './overview.js';
import { routingRuleRoutes } from './routing-rules.js';
import { shopRoutes } from './shop.js';
import { stockRoutes } from './stock.js';
import { warehouseRoutes } from './warehouses.js';

/** The admin JSON API under /api/admin: every route is authenticated and scoped to one shop. */
export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.decorateRequest('shop', null as never);
  // onRequest: an anonymous caller is refused before validation could describe the schema to it
  app.addHook('onRequest', createAdminAuth(ctx));
  // per shop, counted in Redis so every server instance shares the budget; after auth, which names the shop
  await app.register(rateLimit, {
    hook: 'preHandler', max: ctx.config.admin.rateLimitPerMinute, timeWindow: '1 minute', redis: ctx.redis, nameSpace: `${ctx.config.redis.prefix}:admin-rl:`,
    keyGenerator: (req) => `shop:${req.shop?.id ?? req.ip}`,
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, ...errorBody('rate_limited', `Too many requests: ${c.max} per ${c.after}`) }),
  });
  await app.register(shopRoutes, { ctx });
  await app.register(deadLetterRoutes, { ctx });
  await app.register(overviewRoutes, { ctx });
  await app.register(orderRoutes, { ctx });
  await app.register(warehouseRoutes, { ctx });
  await app.register(routingRuleRoutes, { ctx });
  await app.register(stockRoutes, { ctx });
}
