import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../core/context.js';
import type { FeedPrincipal } from '../../../core/db/feed-keys-repo.js';
import { createFeedKeyCheck } from '../../../core/use-cases/feed/feed-key-check.js';
import { createFeedSignals } from '../../../core/db/feed-signals.js';
import { errorBody } from '../../plugins/error-handler.js';
import { createFailedAuthLimiter } from '../../plugins/failed-auth-limiter.js';
import { feedAllocationRoutes } from './allocations.js';
import { feedErrorHandler } from './errors.js';
import { feedGuideRoutes } from './guide.js';
import { feedInventoryRoutes } from './inventory.js';
import { decorateFeedDocument, feedTags } from './openapi.js';
import { feedShipmentRoutes } from './shipments.js';
import { feedWebhookRoutes } from './webhooks.js';
import { feedReturnRoutes } from './returns.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the warehouse (of one shop) the 3PL key belongs to */
    feed: FeedPrincipal;
  }
}

/** The version of the /feed/v1 contract; CHANGELOG in guide.ts says what each one changed. */
export const feedApiVersion = '1.1.0';

/**
 * The 3PL feed, /feed/v1: bearer keys scoped to one warehouse, a rate limit per key, and an
 * OpenAPI 3.1 document built from the same schemas that validate the requests.
 */
export async function feedRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Warehouse feed API',
        version: feedApiVersion,
        summary: 'Orders for your warehouse, and what you shipped and hold',
        description: [
          'How a 3PL receives orders (allocations), reports parcels and tracking, and reports stock.',
          'Authenticate with `Authorization: Bearer <key>`; a key sees one warehouse only.',
          'Errors: `{ "error": { "code", "message", "details?" } }`; each operation lists the codes it can answer.',
          '',
          'Versioning: `/feed/v1` only changes compatibly (new operations, new optional fields, new enum values in answers: ignore what you do not know). A breaking change gets a new dated version (`/feed/2027-01`), announced in the changelog with at least six months of overlap.',
          '',
          'Read the [integration guide](/feed/v1/docs/guide) first; the [changelog](/feed/v1/docs/changelog) lists every change.',
        ].join('\n'),
        contact: { name: 'Integration support', email: 'integrations@example.com', url: 'https://example.com/support' },
        license: { name: 'Proprietary: for integrating with this app only', identifier: 'LicenseRef-Proprietary' },
      },
      externalDocs: {
        description: 'Integration guide: lifecycle, polling, webhooks, idempotency, errors',
        url: '/feed/v1/docs/guide',
      },
      servers: [{ url: '/feed/v1', description: 'This app' }],
      tags: feedTags,
      components: {
        securitySchemes: {
          feedKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A warehouse API key (lk_...), created in the admin app',
          },
        },
      },
      security: [{ feedKey: [] }],
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      return { ...out, url: args.url.replace(/^\/feed\/v1/, '') };
    },
    transformObject: (args) =>
      decorateFeedDocument(jsonSchemaTransformObject(args) as Parameters<typeof decorateFeedDocument>[0]) as ReturnType<
        typeof jsonSchemaTransformObject
      >,
  });
  await app.register(swaggerUi, { routePrefix: '/feed/v1/docs', uiConfig: { url: '/feed/v1/openapi.json' } as never });
  await app.register(feedGuideRoutes);

  const signals = createFeedSignals(ctx.database, (err) =>
    app.log.error({ err }, 'feed long-poll LISTEN failed; long polls fall back to timed waits'),
  );
  // open long polls answer at once when the server starts closing
  app.addHook('preClose', async () => signals.close());

  await app.register(
    async (feed) => {
      const keys = createFeedKeyCheck(ctx.db, ctx.feedAuth);
      feed.setErrorHandler(feedErrorHandler);
      feed.decorateRequest('feed', null as never);
      const failures = createFailedAuthLimiter(
        ctx.redis,
        `${ctx.config.redis.prefix}:feedauth`,
        ctx.config.feed.failedAuthPer10Minutes,
        600,
      );
      feed.addHook('onRequest', async (req, reply) => {
        // the auth version travels to Redis with the limiter's read, not after it
        const version = ctx.feedAuth.read();
        // an address guessing keys is stopped before its guesses are checked
        if (await failures.blocked(req.ip))
          return reply
            .code(429)
            .header('retry-after', '600')
            .send(errorBody('rate_limited', 'Too many failed authentications from this address'));
        const h = req.headers.authorization;
        const principal = h?.startsWith('Bearer ') ? await keys.verify(h.slice(7).trim(), { version }) : null;
        if (!principal) {
          await failures.record(req.ip);
          req.log.warn({ ip: req.ip }, 'feed key refused');
          return reply
            .code(401)
            .send(errorBody('invalid_key', 'A valid warehouse API key is required (Authorization: Bearer lk_...)'));
        }
        await keys.touch(principal.keyId);
        req.feed = principal;
      });
      await feed.register(rateLimit, {
        max: ctx.config.feed.rateLimitPerMinute,
        timeWindow: '1 minute',
        keyGenerator: (req) => `feed:${req.feed?.keyId ?? req.ip}`,
        errorResponseBuilder: (_req, c) => ({ statusCode: 429, message: `Too many requests: ${c.max} per ${c.after}` }),
      });
      await feed.register(feedAllocationRoutes, { ctx, signals });
      await feed.register(feedShipmentRoutes, { ctx });
      await feed.register(feedInventoryRoutes, { ctx });
      await feed.register(feedWebhookRoutes, { ctx });
      await feed.register(feedReturnRoutes, { ctx });
    },
    { prefix: '/feed/v1' },
  );

  app.get('/feed/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
