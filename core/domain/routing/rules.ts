import { z } from 'zod';

const ruleId = z
  .string()
  .min(1)
  .max(64)
  .refine((v) => v !== 'coverage', 'rule id `coverage` is reserved')
  .optional();
const ruleLabel = z.string().min(1).max(120).optional();
const codes = z.array(z.string().min(1).max(128)).max(1000);

/**
 * Restricts which orders and SKUs the named warehouses (all when `warehouses` is absent) may serve.
 * Destination, zone and channel lists reject the warehouse; SKU lists only withhold those lines from it.
 */
export const eligibilityRuleSchema = z.object({
  kind: z.literal('eligibility'),
  id: ruleId,
  label: ruleLabel,
  warehouses: codes.optional(),
  zones: codes.optional(),
  countries: codes.optional(),
  excludeCountries: codes.optional(),
  channels: codes.optional(),
  excludeChannels: codes.optional(),
  skuInclude: codes.optional(),
  skuExclude: codes.optional(),
});

/**
 * Warehouses with fewer than `minRemaining` (default 1) shipments left today are rejected
 * (`whenFull: 'reject'`, the default) or kept with their promise moved to their next shipping
 * day (`whenFull: 'defer'`), so the promise rule weighs the delay.
 */
export const capacityRuleSchema = z.object({
  kind: z.literal('capacity'),
  id: ruleId,
  label: ruleLabel,
  minRemaining: z.number().int().min(1).max(1_000_000).optional(),
  whenFull: z.enum(['reject', 'defer']).optional(),
});

/** Prefers plans with fewer shipments: one warehouse shipping the whole order first. */
export const stockRuleSchema = z.object({
  kind: z.literal('stock'),
  id: ruleId,
  label: ruleLabel,
});

/** Prefers the nearest warehouse (great-circle km, else zone rank); distances within `toleranceKm` of the best tie. */
export const proximityRuleSchema = z.object({
  kind: z.literal('proximity'),
  id: ruleId,
  label: ruleLabel,
  toleranceKm: z.number().min(0).max(20_000).optional(),
});

/**
 * Ranks by the delivery promise. `meet_deadline` (default) puts warehouses that deliver by the
 * order's `deliverBy` first and treats them as equal; without a deadline, or in `earliest` mode,
 * the earliest delivery wins, with `toleranceDays` of slack.
 */
export const promiseRuleSchema = z.object({
  kind: z.literal('promise'),
  id: ruleId,
  label: ruleLabel,
  mode: z.enum(['meet_deadline', 'earliest']).optional(),
  toleranceDays: z.number().int().min(0).max(60).optional(),
});

/**
 * Prefers the cheapest plan; costs within `tolerance` (currency) or `tolerancePct` of the best tie.
 * `scarcityCost` prices the stock a shipment uses: each SKU adds `scarcityCost × units taken ÷
 * units available` to the shipment's cost, so a warehouse's last units go where they save the
 * most instead of to whichever order comes first.
 */
export const costRuleSchema = z.object({
  kind: z.literal('cost'),
  id: ruleId,
  label: ruleLabel,
  tolerance: z.number().min(0).max(1_000_000).optional(),
  tolerancePct: z.number().min(0).max(100).optional(),
  scarcityCost: z.number().min(0).max(1_000_000).optional(),
});

/** Prefers warehouses with a lower `priority` number (the merchant's ranked list). */
export const priorityRuleSchema = z.object({
  kind: z.literal('priority'),
  id: ruleId,
  label: ruleLabel,
});

/**
 * How many shipments an order may become. `minPartValue` is the least merchandise value of each
 * shipment of a split plan (single-shipment plans are never held to it).
 */
export const splitRuleSchema = z.object({
  kind: z.literal('split'),
  id: ruleId,
  label: ruleLabel,
  policy: z.enum(['never', 'allowed', 'max_shipments']),
  maxShipments: z.number().int().min(1).max(50).optional(),
  minPartValue: z.number().min(0).max(1_000_000).optional(),
});

/**
 * What to do with quantities nothing can ship now. `hold` ships nothing until the whole order can
 * ship; `partial` ships what it can and keeps the rest open; `cancel_after_days` ships what it can
 * and cancels the rest `cancelAfterDays` after the order was placed if still missing.
 */
export const backorderRuleSchema = z.object({
  kind: z.literal('backorder'),
  id: ruleId,
  label: ruleLabel,
  policy: z.enum(['hold', 'partial', 'cancel_after_days']),
  cancelAfterDays: z.number().int().min(0).max(365).optional(),
});

/**
 * Equivalent SKUs that may replace an ordered one, used only when they save a backorder or a
 * shipment. Never applied to marketplace orders; with `requireConsent` only when the order allows it.
 */
export const substitutionRuleSchema = z.object({
  kind: z.literal('substitution'),
  id: ruleId,
  label: ruleLabel,
  equivalents: z
    .array(
      z.object({
        sku: z.string().min(1).max(128),
        substitutes: z.array(z.string().min(1).max(128)).min(1).max(20),
      }),
    )
    .max(10_000),
  requireConsent: z.boolean().optional(),
});

/** One routing rule: a discriminated union on `kind`. */
export const routingRuleSchema = z
  .discriminatedUnion('kind', [
    eligibilityRuleSchema,
    capacityRuleSchema,
    stockRuleSchema,
    proximityRuleSchema,
    promiseRuleSchema,
    costRuleSchema,
    priorityRuleSchema,
    splitRuleSchema,
    backorderRuleSchema,
    substitutionRuleSchema,
  ])
  .superRefine((rule, ctx) => {
    if (rule.kind === 'split' && rule.policy === 'max_shipments' && rule.maxShipments === undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxShipments'], message: 'max_shipments needs maxShipments' });
    }
    if (rule.kind === 'backorder' && rule.policy === 'cancel_after_days' && rule.cancelAfterDays === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cancelAfterDays'], message: 'cancel_after_days needs cancelAfterDays' });
    }
  });

const singletonKinds = ['split', 'backorder', 'substitution'] as const;

/** An ordered rule list: ids unique, at most one split, backorder and substitution rule. */
export const routingRulesSchema = z
  .array(routingRuleSchema)
  .max(100)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (rule.id !== undefined && seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id ${rule.id}` });
      if (rule.id !== undefined) seen.add(rule.id);
    });
    for (const kind of singletonKinds) {
      const n = rules.filter((r) => r.kind === kind).length;
      if (n > 1) ctx.addIssue({ code: 'custom', path: [], message: `at most one ${kind} rule` });
    }
  });

/** One routing rule (the parsed form of `routingRuleSchema`). */
export type RoutingRule = z.output<typeof routingRuleSchema>;
/** The kinds of rule. */
export type RoutingRuleKind = RoutingRule['kind'];
/** A rule of one kind. */
export type RuleOf<K extends RoutingRuleKind> = Extract<RoutingRule, { kind: K }>;

/** Rules that remove warehouses from consideration. */
export const filterKinds = ['eligibility', 'capacity'] as const;
/** Rules that order warehouses and plans, lexicographically in list order. */
export const rankingKinds = ['stock', 'proximity', 'promise', 'cost', 'priority'] as const;
/** Rules that shape the plan rather than judge warehouses. */
export const policyKinds = ['split', 'backorder', 'substitution'] as const;

/** A ranking rule. */
export type RankingRule = RuleOf<(typeof rankingKinds)[number]>;
/** A filtering rule. */
export type FilterRule = RuleOf<(typeof filterKinds)[number]>;

const kindLabels: Record<RoutingRuleKind, string> = {
  eligibility: 'Eligibility',
  capacity: 'Capacity left today',
  stock: 'Whole order from one warehouse',
  proximity: 'Closest warehouse',
  promise: 'Delivery promise',
  cost: 'Lowest shipping cost',
  priority: 'Warehouse priority',
  split: 'Split policy',
  backorder: 'Backorder policy',
  substitution: 'Substitutions',
};

/** The id the trace uses for each rule: its own id, else its kind (suffixed `#2`, `#3` on repeats). */
export function ruleIds(rules: readonly RoutingRule[]): string[] {
  const taken = new Set(rules.flatMap((r) => (r.id === undefined ? [] : [r.id])));
  const counts = new Map<string, number>();
  return rules.map((rule) => {
    if (rule.id !== undefined) return rule.id;
    let n = (counts.get(rule.kind) ?? 0) + 1;
    let candidate = n === 1 ? rule.kind : `${rule.kind}#${n}`;
    while (taken.has(candidate)) candidate = `${rule.kind}#${++n}`;
    counts.set(rule.kind, n);
    taken.add(candidate);
    return candidate;
  });
}

/** A label for the admin UI: the rule's own, else one derived from its kind. */
export function ruleLabelOf(rule: RoutingRule): string {
  return rule.label ?? kindLabels[rule.kind];
}

/**
 * The rules a new shop starts with. Order matters for ranking: capacity first (a full warehouse
 * ships a day later), then one shipment over several, the checkout promise, and shipping cost
 * with a small price on scarce stock, with distance and the merchant's priority as tie-breakers.
 * Splits are allowed when nothing ships the order whole; missing units stay open.
 */
export function defaultRules(): RoutingRule[] {
  return [
    { kind: 'capacity', id: 'capacity', whenFull: 'defer' },
    { kind: 'stock', id: 'stock' },
    { kind: 'promise', id: 'promise', mode: 'meet_deadline' },
    // cents apart is no reason to ship from farther away: near-equal costs go to the next rule
    { kind: 'cost', id: 'cost', scarcityCost: 4, tolerance: 0.25 },
    { kind: 'proximity', id: 'proximity' },
    { kind: 'priority', id: 'priority' },
    { kind: 'split', id: 'split', policy: 'allowed' },
    { kind: 'backorder', id: 'backorder', policy: 'partial' },
  ];
}
