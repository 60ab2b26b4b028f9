import { HttpResponseError, HttpRetriableError } from '@shopify/shopify-api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { createShopsRepo, type Shop } from '../../core/db/shops-repo.js';
import { verifySessionToken } from '../../core/integrations/shopify/session-token.js';
import { installShop } from '../../core/use-cases/install-shop.js';
import { errorBody } from './error-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the shop the App Bridge session token was issued for; every admin query is scoped to it */
    shop: Shop;
  }
}

/**
 * Authenticates admin API calls with the App Bridge session token. On a shop's first call the
 * token is exchanged for an offline access token (Shopify-managed install) and the initial
 * import starts. A bad token gets 401 with the header that makes App Bridge retry with a fresh one.
 */
export function createAdminAuth(ctx: AppContext) {
  const { apiKey, apiSecret, previousApiSecret } = ctx.config.shopify;
  const secrets = previousApiSecret ? [apiSecret, previousApiSecret] : [apiSecret];
  // only the install check is cached; the shop row (its settings) is read on every request
  const known = new Map<string, { shopId: number; until: number }>();
  const installDeps = { tokens: ctx.shopTokens, queues: ctx.queues, log: ctx.log };

  const reject = (reply: FastifyReply, message: string) =>
    reply.code(401).header('X-Shopify-Retry-Invalid-Session-Request', '1').send(errorBody('invalid_session', message));

  const reauthorize = (reply: FastifyReply, shop: string) => {
    const base = (ctx.config.http.appUrl ?? '').replace(/\/$/, '');
    return reply
      .code(401)
      .header('X-Shopify-API-Request-Failure-Reauthorize', '1')
      .header('X-Shopify-API-Request-Failure-Reauthorize-Url', `${base}/auth?shop=${encodeURIComponent(shop)}`)
      .send(errorBody('not_installed', 'The app is not installed on this shop; install it to continue'));
  };

  return async function adminAuth(req: FastifyRequest, reply: FastifyReply) {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : (req.query as { id_token?: string } | undefined)?.id_token;
    if (!token) return reject(reply, 'A session token is required');
    const check = await verifySessionToken(token, {
      apiKey,
      secrets,
      clockSkewSeconds: ctx.config.security.sessionClockSkewSeconds,
    });
    if (!check.ok) return reject(reply, `Session token rejected: ${check.reason}`);
    const domain = check.claims.shop;
    const cached = known.get(domain);
    if (cached && cached.until > Date.now()) {
      const shop = await createShopsRepo(ctx.db).byId(cached.shopId);
      if (shop?.status === 'active') {
        req.shop = shop;
        return;
      }
    }
    let shop: Awaited<ReturnType<typeof installShop>>['shop'];
    try {
      ({ shop } = await installShop(installDeps, { shopDomain: domain, grant: { sessionToken: token } }));
    } catch (e) {
      // Shopify refuses the exchange (4xx) when the app is not installed on the shop: send the merchant to the install path
      if (
        e instanceof HttpResponseError &&
        !(e instanceof HttpRetriableError) &&
        e.response.code >= 400 &&
        e.response.code < 500
      )
        return reauthorize(reply, domain);
      throw e;
    }
    known.set(domain, { shopId: shop.id, until: Date.now() + 30_000 });
    req.shop = shop;
  };
}
