import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { createShopsRepo, type Shop } from '../../core/db/shops-repo.js';
import { verifyCustomerSessionToken } from '../../core/integrations/shopify/customer-session-token.js';
import { errorBody } from './error-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in customer of a customer-account extension, and the shop the token names */
    customer: { shop: Shop; customerId: string };
  }
}

/**
 * Authenticates customer-account extension calls. The shop comes from the token's `dest` and
 * must have the app installed; the customer from `sub`. A token without `sub` (buyer not signed
 * in) gets 401 `customer_login_required`, which the block answers with Shopify's login prompt.
 */
export function createCustomerAuth(ctx: AppContext) {
  const { apiKey, apiSecret, previousApiSecret } = ctx.config.shopify;
  const secrets = previousApiSecret ? [apiSecret, previousApiSecret] : [apiSecret];
  const reject = (reply: FastifyReply, code: string, message: string) => reply.code(401).send(errorBody(code, message));

  return async function customerAuth(req: FastifyRequest, reply: FastifyReply) {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return reject(reply, 'invalid_session', 'A session token is required');
    const check = await verifyCustomerSessionToken(header.slice(7), {
      apiKey,
      secrets,
      clockSkewSeconds: ctx.config.security.sessionClockSkewSeconds,
    });
    if (!check.ok) return reject(reply, 'invalid_session', `Session token rejected: ${check.reason}`);
    const shop = await createShopsRepo(ctx.db).byDomain(check.claims.shop);
    if (!shop || shop.status !== 'active')
      return reject(reply, 'invalid_session', 'The app is not installed on this shop');
    if (!check.claims.customerId)
      return reject(reply, 'customer_login_required', 'The customer must sign in to see tracking');
    req.customer = { shop, customerId: check.claims.customerId };
  };
}
