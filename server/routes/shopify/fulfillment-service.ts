import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createShopsRepo } from '../../../core/db/shops-repo.js';
import { verifyBodyHmac } from '../../../core/integrations/shopify/hmac.js';
import { enqueueFulfillmentRequests } from '../../../core/queue/producers.js';
import { errorBody } from '../../plugins/error-handler.js';

/**
 * Shopify's fulfillment-service callbacks. The notification carries only its kind; we answer
 * 200 at once and a worker reads the assigned fulfillment orders and answers them.
 */
export async function fulfillmentServiceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const secrets = ctx.config.shopify.previousApiSecret
    ? [ctx.config.shopify.apiSecret, ctx.config.shopify.previousApiSecret]
    : [ctx.config.shopify.apiSecret];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

  app.post('/shopify/fulfillment-service/fulfillment_order_notification', async (req, reply) => {
    const raw = req.body as Buffer;
    if (
      !Buffer.isBuffer(raw) ||
      !verifyBodyHmac(raw, req.headers['x-shopify-hmac-sha256'] as string | undefined, secrets)
    ) {
      return reply.code(400).send(errorBody('invalid_signature', 'HMAC signature does not match the body'));
    }
    const domain = String(req.headers['x-shopify-shop-domain'] ?? '').toLowerCase();
    const shop = await createShopsRepo(ctx.db).byDomain(domain);
    if (!shop || shop.status !== 'active')
      return reply.code(400).send(errorBody('unknown_shop', 'The shop has not installed the app'));
    // no row records the request: a lost job is answered with a 503, and Shopify sends the notification again
    if (!(await enqueueFulfillmentRequests(ctx.queues, shop.id, Date.now())))
      return reply.code(503).send(errorBody('queue_unavailable', 'Try again shortly'));
    return reply.code(200).send();
  });
}
