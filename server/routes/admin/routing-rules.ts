import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  rulesResponse,
  saveRulesBody,
  saveRulesResponse,
  simulateBody,
  simulationResult,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createRoutingRulesRepo } from '../../../core/db/routing-rules-repo.js';
import { defaultRules } from '../../../core/domain/routing/index.js';
import { saveRoutingRules } from '../../../core/use-cases/admin/save-routing-rules.js';
import { simulateRules } from '../../../core/use-cases/admin/simulate-rules.js';

/** The ordered rule list: read, save (optimistic version check), and try a draft on past orders. */
export async function routingRuleRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/routing-rules', { schema: { response: { 200: rulesResponse } } }, async (req) => {
    const saved = await createRoutingRulesRepo(ctx.db).get(req.shop.id);
    return { rules: saved.rules, version: saved.version, isDefault: saved.isDefault, defaults: defaultRules() };
  });

  r.put('/routing-rules', { schema: { body: saveRulesBody, response: { 200: saveRulesResponse } } }, async (req) =>
    saveRoutingRules(
      { db: ctx.db },
      { shopId: req.shop.id, rules: req.body.rules, version: req.body.version, actor: `merchant:${req.shop.domain}` },
    ),
  );

  r.post(
    '/routing-rules/simulate',
    { schema: { body: simulateBody, response: { 200: simulationResult } } },
    async (req) =>
      simulateRules(
        // on Postgres the replay worker reads the orders on its own connection; PGlite lives in this thread
        { db: ctx.db, databaseUrl: ctx.database.driver === 'postgres' ? ctx.config.db.url : undefined },
        { shopId: req.shop.id, draft: req.body.rules, days: req.body.days, now: new Date() },
      ),
  );
}
