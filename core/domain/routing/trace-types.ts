import type { RoutingRuleKind } from './rules.js';
import type { Allocation, Backorder, Substitution } from './types.js';

/** Id of the built-in check that a warehouse serves the address (zone, service level, calendar). */
export const COVERAGE_RULE_ID = 'coverage';

/** What a rule did to one warehouse. `skipped`: not evaluated because an earlier rule rejected it. */
export type VerdictOutcome = 'kept' | 'rejected' | 'ranked' | 'skipped';

/** Machine-readable facts behind a verdict; only the ones the rule looked at are set. */
export interface VerdictFields {
  zone?: string | null;
  zoneRank?: number | null;
  distanceKm?: number | null;
  cost?: number | null;
  /** The opportunity cost of the stock taken, added by the cost rule's `scarcityCost`. */
  scarcityCost?: number;
  shipDate?: string | null;
  shipBy?: string | null;
  deliverBy?: string | null;
  /** Days the promise falls after the order's `deliverBy` (0 when on time). */
  lateDays?: number | null;
  coveredUnits?: number;
  orderedUnits?: number;
  canShipAll?: boolean;
  capacityLeft?: number | null;
  priority?: number;
  blockedSkus?: string[];
}

/** One cell of the warehouses × rules table. */
export interface RuleVerdict {
  rule: string;
  outcome: VerdictOutcome;
  /** For ranking rules: the value compared (lower is better). */
  score?: number;
  reason: string;
  fields: VerdictFields;
}

/** A column of the table: one rule, or the built-in coverage check. */
export interface RuleColumn {
  id: string;
  kind: RoutingRuleKind | 'coverage';
  label: string;
  role: 'filter' | 'ranking' | 'policy';
}

/** One row of the table. */
export interface WarehouseTrace {
  id: string;
  name: string;
  eligible: boolean;
  rejectedBy: string | null;
  /** 1-based position in the final ranking; null when rejected. */
  rank: number | null;
  chosen: boolean;
  /** Units this warehouse ships in the chosen plan. */
  shippedUnits: number;
  facts: VerdictFields;
  verdicts: RuleVerdict[];
}

/** A complete candidate plan, summarised. */
export interface PlanSummary {
  warehouses: string[];
  shipments: number;
  allocatedUnits: number;
  substitutedUnits: number;
  /** Null when a used warehouse has no cost for the zone. */
  cost: number | null;
  latestDelivery: string | null;
  lateDays: number | null;
  distanceKm: number | null;
}

/** How the plan was picked among the plans considered. */
export interface PlanTrace {
  considered: number;
  chosen: PlanSummary;
  /** The best plans not chosen, best first (at most three). */
  runnersUp: PlanSummary[];
  /** The criterion that set the chosen plan apart from the best runner-up (`value`, `units`, a rule id, `substitutions` or `tie_break`). */
  decidedBy: string | null;
  /** True when a substitution was used because it saved a backorder or a shipment. */
  usedSubstitution: boolean;
}

/** What came out, in one word and one sentence. */
export type DecisionOutcome = 'single' | 'split' | 'partial' | 'held' | 'backordered' | 'empty';

/** The decision summary. */
export interface DecisionSummary {
  outcome: DecisionOutcome;
  text: string;
  shipments: number;
  orderedUnits: number;
  allocatedUnits: number;
  backorderedUnits: number;
  substitutedUnits: number;
  totalCost: number | null;
}

/** The explanation stored with every allocation: JSON-serialisable, shaped as a warehouses × rules table. */
export interface RoutingTrace {
  version: 1;
  orderId: string;
  evaluatedAt: string;
  rules: RuleColumn[];
  warehouses: WarehouseTrace[];
  /** Eligible warehouse ids, best first. */
  ranking: string[];
  plan: PlanTrace;
  summary: DecisionSummary;
}

/** The result of `planRoute`. */
export interface RoutePlan {
  allocations: Allocation[];
  backorders: Backorder[];
  substitutions: Substitution[];
  trace: RoutingTrace;
}
