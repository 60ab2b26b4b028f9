import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createAuditRepo } from '../../../core/db/audit-repo.js';
import { createRoutingRulesRepo } from '../../../core/db/routing-rules-repo.js';
import { defaultRules, routingRulesSchema } from '../../../core/domain/routing/index.js';
import { ConflictError } from '../../../core/errors.js';
import { simulateRules } from '../../../core/use-cases/admin/simulate-rules.js';

/** The ordered rule list: read, save (optimistic version check), and try a draft on past orders. */
export async function routingRuleRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/routing-rules', async (req) => ({ ...(await createRoutingRulesRepo(ctx.db).get(req.shop.id)), defaults: defaultRules() }));

  r.put('/routing-rules', { schema: { body: z.object({ rules: routingRulesSchema, version: z.number().int().min(0) }) } }, async (req) => {
    const res = await createRoutingRulesRepo(ctx.db).save(req.shop.id, req.body.rules, req.body.version);
    if ('conflict' in res) throw new ConflictError('the rules were changed elsewhere; reload them before saving');
    await createAuditRepo(ctx.db).record(req.shop.id, 'routing_rules', String(req.shop.id), 'saved', `merchant:${req.shop.domain}`, { version: res.version, rules: req.body.rules });
    return { version: res.version, rules: req.body.rules };
  });

  r.post('/routing-rules/simulate', { schema: { body: z.object({ rules: routingRulesSchema, days: z.number().int().min(1).max(90).default(30) }) } }, async (req) =>
    simulateRules({ db: ctx.db }, { shopId: req.shop.id, draft: req.body.rules, days: req.body.days, now: new Date() }));
}
