import { z } from 'zod';
import { routingRulesSchema } from '../../domain/routing/rules.js';
import { safeText } from '../safe-text.js';

export type { RoutingRule, RoutingRuleKind, RuleOf } from '../../domain/routing/rules.js';

/** GET /routing-rules: the shop's ordered rules (the defaults until it saves some). */
export const rulesResponse = z.object({
  rules: routingRulesSchema,
  version: z.number().int(),
  isDefault: z.boolean(),
  defaults: routingRulesSchema,
});
export type RulesResponse = z.infer<typeof rulesResponse>;

/**
 * A rule list the merchant may save or simulate. Substitution rules are refused until they work
 * end to end: the router never loads the substitutes' stock and the Shopify order is never
 * edited to the substitute, so such a rule would be a setting that does nothing.
 */
export const merchantRulesSchema = routingRulesSchema.superRefine((rules, ctx) => {
  rules.forEach((r, i) => {
    if (r.kind === 'substitution')
      ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: 'substitution rules are not available yet' });
  });
});

/** PUT /routing-rules: the whole list and the version it was edited from. */
export const saveRulesBody = z.object({ rules: merchantRulesSchema, version: z.number().int().min(0) });
export type SaveRulesBody = z.infer<typeof saveRulesBody>;
/** PUT /routing-rules */
export const saveRulesResponse = z.object({ version: z.number().int(), rules: routingRulesSchema });
export type SaveRulesResponse = z.infer<typeof saveRulesResponse>;

/** POST /routing-rules/simulations: the draft to try and the window in days */
export const simulateBody = z.object({ rules: merchantRulesSchema, days: z.number().int().min(1).max(90).default(30) });
export type SimulateBody = z.infer<typeof simulateBody>;

/** What one rule set did to the past orders. */
export const ruleSetMetrics = z.object({
  orders: z.number().int(),
  splitRate: z.number(),
  cost: z.number(),
  promiseMet: z.number(),
  backorderedUnits: z.number(),
  loadByWarehouse: z.record(z.string(), z.number()),
});
export type RuleSetMetrics = z.infer<typeof ruleSetMetrics>;

/** The current and the draft rules replayed on past orders: a simulation's result. */
export const simulationResult = z.object({
  days: z.number().int(),
  orders: z.number().int(),
  current: ruleSetMetrics,
  draft: ruleSetMetrics,
  moved: z.array(
    z.object({ orderId: z.number().int(), name: z.string(), from: z.array(z.string()), to: z.array(z.string()) }),
  ),
  /** which orders were replayed: the most recent ones of the window, at most `limit`, placed from `from` to `to` */
  replayed: z.object({
    selection: z.literal('most_recent'),
    limit: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** true when the window held more orders than `limit`: the replay covers `from`–`to` only */
    windowCapped: z.boolean(),
  }),
});
export type SimulationResult = z.infer<typeof simulationResult>;

/** POST /routing-rules/simulations: the replay is queued; poll GET /routing-rules/simulations/{id}. */
export const simulationStarted = z.object({ id: z.string() });
export type SimulationStarted = z.infer<typeof simulationStarted>;

export const simulationParams = z.object({ id: safeText(100).min(1) });

/** GET /routing-rules/simulations/{id}: where the replay stands, and its result once `done`. */
export const simulationStatus = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  /** the share of the replay done, 0 to 1 */
  progress: z.number().min(0).max(1),
  result: simulationResult.nullable(),
});
export type SimulationStatus = z.infer<typeof simulationStatus>;
