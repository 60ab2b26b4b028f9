import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { storableInput } from '../core/contracts/storable-text.js';
import type { AppContext } from '../core/context.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { recordWebhook } from '../core/use-cases/record-webhook.js';
import { adminRoutes } from './routes/admin/index.js';
import { extensionRoutes } from './routes/extensions/index.js';
import { feedRoutes } from './routes/feed/index.js';
import { healthRoutes } from './routes/health/index.js';
import { fulfillmentServiceRoutes } from './routes/shopify/fulfillment-service.js';
import { oauthRoutes } from './routes/shopify/oauth.js';
import { shopifyWebhookRoutes } from './routes/shopify/webhooks.js';
import { trackRoutes } from './routes/track/index.js';
import { webRoutes } from './routes/web/index.js';

export interface BuildAppOptions {
  /** false silences request logs (tests, benchmarks) */
  logger?: boolean;
  /** sees every route as it is registered (the fuzz suite builds its requests from their schemas) */
  onRoute?: (route: { method: string | string[]; url: string; schema?: unknown }) => void;
}

/** Builds the HTTP app from its dependencies. No listen here: tests use app.inject. */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : ctx.log,
    logger: opts.logger === false ? false : undefined,
    bodyLimit: ctx.config.http.bodyLimitBytes,
    // our own id always; a client's well-formed id rides along as a suffix for correlation
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const client = req.headers['x-request-id'];
      return typeof client === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(client)
        ? `${randomUUID()}.${client}`
        : randomUUID();
    },
    trustProxy: ctx.config.http.trustProxy,
    return503OnClosing: true,
  } as never) as unknown as FastifyInstance;
  // every string of every request part passes the storable-text check before the route's own schema
  app.setValidatorCompiler((route) =>
    validatorCompiler({ ...route, schema: storableInput(route.schema as z.ZodType) }),
  );
  app.setSerializerCompiler(serializerCompiler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  // once shutdown starts, every response closes its connection: a client's idle keep-alive
  // socket must not hold the process open until the keep-alive timeout
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections?.();
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    // an HTML page that did not say who may frame it (API docs, error pages) may be framed by no one
    if (
      String(reply.getHeader('content-type') ?? '').includes('text/html') &&
      !reply.getHeader('content-security-policy')
    )
      void reply.header('content-security-policy', "frame-ancestors 'none'");
    if (closing) void reply.header('connection', 'close');
  });
  registerErrorHandler(app);

  await app.register(healthRoutes, { ctx });
  const { apiSecret, previousApiSecret } = ctx.config.shopify;
  await app.register(shopifyWebhookRoutes, {
    secrets: previousApiSecret ? [apiSecret, previousApiSecret] : [apiSecret],
    bodyLimit: ctx.config.http.bodyLimitBytes,
    record: (event) =>
      recordWebhook(
        { inboxWriter: ctx.inboxWriter, enqueueIngest: (id, topic) => ctx.ingestProducer.add(id, topic) },
        event,
      ),
  });
  await app.register(fulfillmentServiceRoutes, { ctx });
  await app.register(oauthRoutes, { ctx });
  await app.register(adminRoutes, { ctx, prefix: '/api/admin' });
  await app.register(extensionRoutes, { ctx, prefix: '/api/extensions' });
  await app.register(feedRoutes, { ctx });
  await app.register(trackRoutes, { ctx });
  await app.register(webRoutes, { ctx });
  return app;
}
