import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { installShop } from '../../../core/use-cases/install-shop.js';
import { errorBody } from '../../plugins/error-handler.js';

/**
 * The non-embedded install path for development (OAuth authorization-code grant), built on
 * @shopify/shopify-api's begin/callback, which sign and check the state cookie and the HMAC.
 * Embedded installs never come here: they use token exchange.
 */
export async function oauthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const api = ctx.shopifyApi;

  app.get('/auth', async (req, reply) => {
    const shop = api.utils.sanitizeShop(String((req.query as { shop?: string }).shop ?? ''));
    if (!shop) return reply.code(400).send(errorBody('invalid_shop', 'Give ?shop=<name>.myshopify.com'));
    reply.hijack();
    await api.auth.begin({
      shop,
      callbackPath: '/auth/callback',
      isOnline: false,
      rawRequest: req.raw,
      rawResponse: reply.raw,
    });
  });

  app.get('/auth/callback', async (req, reply) => {
    try {
      const { session } = await api.auth.callback({ rawRequest: req.raw, rawResponse: reply.raw });
      await installShop(
        { tokens: ctx.shopTokens, queues: ctx.queues, log: ctx.log },
        { shopDomain: session.shop, grant: { session } },
      );
      return reply.redirect(`/?shop=${encodeURIComponent(session.shop)}`);
    } catch (e) {
      req.log.warn({ err: (e as Error).message }, 'oauth callback refused');
      return reply
        .code(400)
        .send(errorBody('oauth_failed', 'The install could not be completed; start again from /auth'));
    }
  });
}
