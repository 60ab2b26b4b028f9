import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { recordWebhook } from '../core/use-cases/record-webhook.js';
import { adminRoutes } from './routes/admin/index.js';
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
}

/** Builds the HTTP app from its dependencies. No listen here: tests use app.inject. */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : ctx.log,
    logger: opts.logger === false ? false : undefined,
    bodyLimit: ctx.config.http.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: true,
    return503OnClosing: true,
  } as never) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // once shutdown starts, every response closes its connection: a client's idle keep-alive
  // socket must not hold the process open until the keep-alive timeout
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections?.();
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    if (closing) void reply.header('connection', 'close');
  });
  registerErrorHandler(app);

  await app.register(healthRoutes, { ctx });
  const { apiSecret, previousApiSecret } = ctx.config.shopify;
  await app.register(shopifyWebhookRoutes, {
    secrets: previousApiSecret ? [apiSecret, previousApiSecret] : [apiSecret],
    bodyLimit: ctx.config.http.bodyLimitBytes,
    record: (event) => recordWebhook({ inboxWriter: ctx.inboxWriter, enqueueIngest: (p) => ctx.ingestProducer.add(p) }, event),
  });
  await app.register(fulfillmentServiceRoutes, { ctx });
  await app.register(oauthRoutes, { ctx });
  await app.register(adminRoutes, { ctx, prefix: '/api/admin' });
  await app.register(feedRoutes, { ctx });
  await app.register(trackRoutes, { ctx });
  await app.register(webRoutes, { ctx });
  return app;
}
