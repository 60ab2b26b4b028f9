import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { loadTrackingPage } from '../../../core/use-cases/customers/load-tracking-page.js';
import { languageFromHeader, t } from './page-messages.js';
import { renderMessagePage, renderTrackingPage } from './tracking-page.js';
import { customerReturnView } from '../../../core/use-cases/returns/customer-door.js';
import { trackReturnRoutes } from './returns.js';

/** No script may run, nothing loads from elsewhere but images (the shop's logo). */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-robots-tag', 'noindex, nofollow')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'private, no-store')
    .send(body);
}

/**
 * The customer's tracking page, /t/<token>: no login, the token is the key. Server-rendered
 * HTML without JavaScript, never indexed, and rate-limited per client address so tokens cannot
 * be guessed by brute force.
 */
export async function trackRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(rateLimit, {
    max: ctx.config.customers.trackingRateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: () => ({ statusCode: 429, rateLimited: true }),
  });
  app.setErrorHandler((err: Error & { statusCode?: number; rateLimited?: boolean }, req, reply) => {
    const lang = languageFromHeader(req.headers['accept-language']);
    if (err.statusCode === 429 || err.rateLimited)
      return html(reply, 429, renderMessagePage(lang, t(lang, 'tooMany'), t(lang, 'tooMany')));
    const notFound = err.statusCode === 400 || err.statusCode === 404;
    if (!notFound) req.log.error({ err }, 'tracking page failed');
    return html(
      reply,
      notFound ? 404 : 500,
      renderMessagePage(lang, t(lang, 'notFoundTitle'), t(lang, 'notFoundBody')),
    );
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/t/:token',
    { schema: { params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }) } },
    async (req, reply) => {
      const view = await loadTrackingPage({ db: ctx.db }, { token: req.params.token });
      if (!view) {
        const lang = languageFromHeader(req.headers['accept-language']);
        return html(reply, 404, renderMessagePage(lang, t(lang, 'notFoundTitle'), t(lang, 'notFoundBody')));
      }
      const door = await customerReturnView({ db: ctx.db }, req.params.token, new Date());
      return html(
        reply,
        200,
        renderTrackingPage(
          door && (door.lines.length || door.returns.length)
            ? { ...view, returnUrl: `/t/${req.params.token}/return` }
            : view,
        ),
      );
    },
  );
  await app.register(trackReturnRoutes, { ctx });
}
