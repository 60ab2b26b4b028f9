import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { customerEmailDeps, type AppContext } from '../../../core/context.js';
import { safeText } from '../../../core/contracts/safe-text.js';
import { returnReasons } from '../../../core/domain/returns/reasons.js';
import {
  customerReturnSlip,
  customerReturnView,
  requestCustomerReturn,
} from '../../../core/use-cases/returns/customer-door.js';
import { languageFromHeader } from './page-messages.js';
import { returnFormPage, returnResultPage } from './return-page.js';

/** The form posts back to this page only; still no script. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const send = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-robots-tag', 'noindex, nofollow')
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .send(body);

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const formSchema = z
  .object({
    reason: z.enum(returnReasons),
    note: safeText(500)
      .optional()
      .transform((s) => (s?.trim() ? s.trim() : null)),
  })
  .catchall(z.string().max(10));

// a malformed token is a wrong link like any other: the plain 404 page, not a server error
function returnDoorToken(params: unknown): string {
  const parsed = tokenParams.safeParse(params);
  if (!parsed.success) throw Object.assign(new Error('no return door'), { statusCode: 404 });
  return parsed.data.token;
}

/** The customer's return door on the tracking page, when the shop allows it. */
export async function trackReturnRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.get('/t/:token/return', async (req, reply) => {
    const token = returnDoorToken(req.params);
    const lang = languageFromHeader(req.headers['accept-language']);
    const view = await customerReturnView({ db: ctx.db }, token, new Date());
    if (!view) throw Object.assign(new Error('no return door'), { statusCode: 404 });
    return send(reply, 200, returnFormPage(lang, token, view));
  });

  // the slip the approval e-mail links to: the same printable page the merchant gets
  app.get('/t/:token/returns/:rma/slip', async (req, reply) => {
    const token = returnDoorToken(req.params);
    const rma = z.object({ rma: z.string().regex(/^RMA-[0-9A-Z-]{1,40}$/) }).safeParse(req.params);
    if (!rma.success) throw Object.assign(new Error('no return slip'), { statusCode: 404 });
    const html = await customerReturnSlip(
      { db: ctx.db },
      { token, rma: rma.data.rma, lang: languageFromHeader(req.headers['accept-language']), now: new Date() },
    );
    if (!html) throw Object.assign(new Error('no return slip'), { statusCode: 404 });
    return send(reply, 200, html);
  });

  app.post('/t/:token/return', async (req, reply) => {
    const token = returnDoorToken(req.params);
    const lang = languageFromHeader(req.headers['accept-language']);
    const form = formSchema.safeParse(req.body);
    const view = await customerReturnView({ db: ctx.db }, token, new Date());
    if (!view) throw Object.assign(new Error('no return door'), { statusCode: 404 });
    if (!form.success) return send(reply, 422, returnFormPage(lang, token, view, 'nothing'));
    const lines = Object.entries(form.data)
      .filter(([k]) => /^qty_\d+$/.test(k))
      .map(([k, v]) => {
        const orderLineId = Number(k.slice(4));
        // the exchange choice names one of the variants the form offered for this line, by id
        const chosen = form.data[`exch_${orderLineId}`];
        const option = view.lines
          .find((l) => l.orderLineId === orderLineId)
          ?.exchangeOptions.find((o) => String(o.id) === chosen);
        return { orderLineId, quantity: Number(v), exchangeSku: option?.sku ?? null };
      })
      .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
    if (lines.length === 0) return send(reply, 422, returnFormPage(lang, token, view, 'nothing'));
    const out = await requestCustomerReturn(
      {
        db: ctx.db,
        queues: ctx.queues,
        log: ctx.log,
        customers: customerEmailDeps(ctx),
      },
      { token, lines, reason: form.data.reason, note: form.data.note ?? null, now: new Date() },
    );
    if (!out) throw Object.assign(new Error('no return door'), { statusCode: 404 });
    return send(reply, out.ok ? 201 : 422, returnResultPage(lang, token, out));
  });
}
