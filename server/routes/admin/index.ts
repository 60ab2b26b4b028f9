import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createAdminAuth } from '../../plugins/admin-auth.js';
import { compressJson } from '../../plugins/compress-json.js';
import { errorBody } from '../../plugins/error-handler.js';
import { channelRoutes } from './channels.js';
import { deadLetterRoutes } from './dead-letters.js';
import { emailRoutes } from './emails.js';
import { orderRoutes } from './orders.js';
import { overviewRoutes } from './overview.js';
import { returnRoutes } from './returns.js';
import { routingRuleRoutes } from './routing-rules.js';
import { shopRoutes } from './shop.js';
import { stockRoutes } from './stock.js';
import { warehouseRoutes } from './warehouses.js';

/**
 * The admin JSON API under /api/admin: every route is authenticated and scoped to one shop. Its
 * OpenAPI document, built from the request and response schemas of core/contracts/admin, is public
 * at /api/admin/openapi.json (it describes the API, it holds no shop data).
 */
// every operation documents the one error shape as its default answer
const { $schema: _dialect, ...errorSchema } = z.toJSONSchema(errorResponse, { target: 'draft-2020-12' });
const errorJson = { ...errorSchema, description: 'An error: `{ error: { code, message, details? } }`' };

export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Admin API',
        version: '1.0.0',
        description:
          'The JSON API the embedded admin app calls. Authenticate with `Authorization: Bearer <App Bridge session token>`; every call is scoped to the shop the token names. Errors: `{ "error": { "code", "message", "details?" } }`.',
      },
      servers: [{ url: '/api/admin' }],
      components: {
        securitySchemes: {
          sessionToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'A Shopify App Bridge session token',
          },
        },
      },
      security: [{ sessionToken: [] }],
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      const schema = out.schema && {
        ...out.schema,
        response: { ...(out.schema.response as object), default: errorJson },
      };
      return { ...out, schema, url: args.url.replace(/^\/api\/admin/, '') };
    },
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(async (admin) => {
    admin.decorateRequest('shop', null as never);
    // onRequest: an anonymous caller is refused before validation could describe the schema to it
    admin.addHook('onRequest', createAdminAuth(ctx));
    // per shop, counted in Redis so every server instance shares the budget; after auth, which names the shop
    await admin.register(rateLimit, {
      hook: 'preHandler',
      max: ctx.config.admin.rateLimitPerMinute,
      timeWindow: '1 minute',
      redis: ctx.redis,
      nameSpace: `${ctx.config.redis.prefix}:admin-rl:`,
      keyGenerator: (req) => `shop:${req.shop?.id ?? req.ip}`,
      errorResponseBuilder: (_req, c) => ({
        statusCode: 429,
        ...errorBody('rate_limited', `Too many requests: ${c.max} per ${c.after}`),
      }),
    });
    // large JSON answers (stock, orders, order pages) go compressed to clients that accept it
    admin.addHook('onSend', compressJson);
    await admin.register(shopRoutes, { ctx });
    await admin.register(deadLetterRoutes, { ctx });
    await admin.register(overviewRoutes, { ctx });
    await admin.register(orderRoutes, { ctx });
    await admin.register(warehouseRoutes, { ctx });
    await admin.register(routingRuleRoutes, { ctx });
    await admin.register(stockRoutes, { ctx });
    await admin.register(channelRoutes, { ctx });
    await admin.register(emailRoutes, { ctx });
    await admin.register(returnRoutes, { ctx });
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
