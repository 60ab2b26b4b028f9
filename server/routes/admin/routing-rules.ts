import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  rulesResponse,
  saveRulesBody,
  saveRulesResponse,
  simulateBody,
  simulationParams,
  simulationStarted,
  simulationStatus,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createRoutingRulesRepo } from '../../../core/db/routing-rules-repo.js';
import { defaultRules } from '../../../core/domain/routing/index.js';
import { saveRoutingRules } from '../../../core/use-cases/admin/save-routing-rules.js';
import { NotFoundError } from '../../../core/errors.js';
import { readRuleSimulation, startRuleSimulation } from '../../../core/use-cases/admin/simulation-jobs.js';

/** The ordered rule list: read, save (optimistic version check), and try a draft on past orders (a job). */
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

  // try a draft on past orders: a job (seconds of CPU at scale), answered at once with its id, then polled
  r.post(
    '/routing-rules/simulations',
    { schema: { body: simulateBody, response: { 202: simulationStarted } } },
    async (req, reply) => {
      const started = await startRuleSimulation(
        { queues: ctx.queues },
        { shopId: req.shop.id, rules: req.body.rules, days: req.body.days, now: new Date() },
      );
      return reply.code(202).send(started);
    },
  );

  r.get(
    '/routing-rules/simulations/:id',
    { schema: { params: simulationParams, response: { 200: simulationStatus } } },
    async (req) => {
      const status = await readRuleSimulation({ queues: ctx.queues }, { shopId: req.shop.id, id: req.params.id });
      if (!status) throw new NotFoundError('simulation');
      return status;
    },
  );
}
