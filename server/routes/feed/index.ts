import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../core/context.js';
import { createFeedKeysRepo, type FeedPrincipal } from '../../../core/db/feed-keys-repo.js';
import { errorBody } from '../../plugins/error-handler.js';
import { feedAllocationRoutes } from './allocations.js';
import { feedShipmentRoutes } from './shipments.js';
import { feedReturnRoutes } from './returns.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the warehouse (of one shop) the 3PL key belongs to */
    feed: FeedPrincipal;
  }
}

/**
 * The 3PL feed, /feed/v1: bearer keys scoped to one warehouse, a rate limit per key, and an
 * OpenAPI 3.1 document built from the same schemas that validate the requests.
 */
export async function feedRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Warehouse feed API', version: '1.0.0',
        description: 'How a 3PL receives orders (allocations), reports parcels and tracking, and reports stock. Authenticate with `Authorization: Bearer <key>`; a key sees one warehouse only. Errors: `{ "error": { "code", "message", "details?" } }`.',
      },
      servers: [{ url: '/feed/v1' }],
      components: { securitySchemes: { feedKey: { type: 'http', scheme: 'bearer', description: 'A warehouse API key (lk_...), created in the admin app' } } },
      security: [{ feedKey: [] }],
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      return { ...out, url: args.url.replace(/^\/feed\/v1/, '') };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/feed/v1/docs', uiConfig: { url: '/feed/v1/openapi.json' } as never });

  await app.register(async (feed) => {
    const keys = createFeedKeysRepo(ctx.db);
    feed.decorateRequest('feed', null as never);
    feed.addHook('onRequest', async (req, reply) => {
      const h = req.headers.authorization;
      const principal = h?.startsWith('Bearer ') ? await keys.verify(h.slice(7).trim()) : null;
      if (!principal) return reply.code(401).send(errorBody('invalid_key', 'A valid warehouse API key is required (Authorization: Bearer lk_...)'));
      req.feed = principal;
    });
    await feed.register(rateLimit, {
      max: ctx.config.feed.rateLimitPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (req) => `feed:${req.feed?.keyId ?? req.ip}`,
      errorResponseBuilder: (_req, c) => ({ statusCode: 429, ...errorBody('rate_limited', `Too many requests: ${c.max} per ${c.after}`) }),
    });
    await feed.register(feedAllocationRoutes, { ctx });
    await feed.register(feedShipmentRoutes, { ctx });
    await feed.register(feedReturnRoutes, { ctx });
  }, { prefix: '/feed/v1' });

  app.get('/feed/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
