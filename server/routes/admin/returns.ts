import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { customerEmailDeps, type AppContext } from '../../../core/context.js';
import { idParams } from '../../../core/contracts/admin/common.js';
import {
  analyticsQuerySchema,
  createReturnAcceptedSchema,
  createReturnBodySchema,
  createReturnUnprocessableSchema,
  returnActionBodySchema,
  returnAnalyticsSchema,
  returnDetailSchema,
  returnListQuerySchema,
  returnListSchema,
  returnPolicySchema,
  returnSlipQuerySchema,
  returnSlipResponse,
} from '../../../core/contracts/admin/returns.js';
import { actOnReturn } from '../../../core/use-cases/returns/decide-return.js';
import { getReturnPolicy, saveReturnPolicy } from '../../../core/use-cases/returns/return-policy.js';
import { getReturn, listReturns, returnAnalytics } from '../../../core/use-cases/returns/read-returns.js';
import { requestReturn } from '../../../core/use-cases/returns/request-return.js';
import { returnSlipHtml } from '../../../core/use-cases/returns/return-slip.js';

/** Returns: list, one return with its timeline, the merchant's own return, actions, policy, figures, slip. */
export async function returnRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = {
    db: ctx.db,
    queues: ctx.queues,
    log: ctx.log,
    customers: customerEmailDeps(ctx),
  };
  const actor = (req: { shop: { domain: string } }) => `merchant:${req.shop.domain}`;

  r.get(
    '/returns',
    { schema: { querystring: returnListQuerySchema, response: { 200: returnListSchema } } },
    async (req) => listReturns(deps, req.shop.id, req.query),
  );

  r.get(
    '/returns/analytics',
    { schema: { querystring: analyticsQuerySchema, response: { 200: returnAnalyticsSchema } } },
    async (req) => returnAnalytics(deps, req.shop, req.query, new Date()),
  );

  r.get('/returns/policy', { schema: { response: { 200: returnPolicySchema } } }, async (req) =>
    getReturnPolicy(deps, req.shop.id),
  );
  r.put(
    '/returns/policy',
    { schema: { body: returnPolicySchema, response: { 200: returnPolicySchema } } },
    async (req) => saveReturnPolicy(deps, req.shop.id, req.body, actor(req)),
  );

  r.get('/returns/:id', { schema: { params: idParams, response: { 200: returnDetailSchema } } }, async (req) =>
    getReturn(deps, req.shop.id, req.params.id),
  );

  r.get(
    '/returns/:id/slip',
    { schema: { params: idParams, querystring: returnSlipQuerySchema, response: { 200: returnSlipResponse } } },
    async (req, reply) => {
      const html = await returnSlipHtml(deps, req.shop.id, req.params.id, req.query.lang ?? req.shop.settings.language);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  r.post(
    '/returns',
    {
      schema: {
        body: createReturnBodySchema,
        response: { 201: createReturnAcceptedSchema, 422: createReturnUnprocessableSchema },
      },
    },
    async (req, reply) => {
      const out = await requestReturn(deps, {
        shopId: req.shop.id,
        orderId: req.body.orderId,
        source: 'merchant',
        lines: req.body.lines,
        labelUrl: req.body.labelUrl,
        trackingNumber: req.body.trackingNumber,
        actor: actor(req),
        now: new Date(),
      });
      if (!out.ok)
        return reply.code(422).send({
          ok: false,
          reason: out.reason,
          lines: out.lines.map((l) => ({
            orderLineId: l.orderLineId,
            ok: l.verdict.ok,
            reason: l.verdict.ok ? null : l.verdict.reason,
          })),
        });
      return reply.code(201).send({
        ok: true,
        id: out.ret.id,
        rma: out.ret.rma!,
        status: out.ret.state as 'requested',
        decision: out.decision,
        why: out.why,
      });
    },
  );

  r.post(
    '/returns/:id/actions',
    { schema: { params: idParams, body: returnActionBodySchema, response: { 200: returnDetailSchema } } },
    async (req) => {
      await actOnReturn(deps, {
        shopId: req.shop.id,
        returnId: req.params.id,
        action: req.body,
        actor: actor(req),
        now: new Date(),
      });
      return getReturn(deps, req.shop.id, req.params.id);
    },
  );
}
